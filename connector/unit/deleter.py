# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The generic deleter: :class:`RecordDeleter` deletes one external record
on the backend, under its advisory lock.

A connector subclasses it and registers it on its backend; the
``export_delete_record`` job of every binding model runs it (see
:class:`~odoo.addons.connector.models.external_binding.ExternalBinding`).
It is importable from :mod:`~odoo.addons.connector.unit.synchronizer` too.
"""

from ..exception import IDMissingInBackend
from .synchronizer import Deleter, delete_lock_name, describe_external_id

__all__ = ["RecordDeleter"]


class RecordDeleter(Deleter):
    """Generic deletion of one external record, with the adapter's
    ``delete(external_id)``, under the advisory lock of (backend, model,
    external id). A record already absent from the backend counts as
    deleted.

    Example::

        @magento
        class PartnerDeleter(RecordDeleter):
            _model_name = "magento.res.partner"
    """

    _lock_retry_seconds = 1

    def _lock_name(self, external_id):
        """The advisory lock text of the record deleted (see
        :func:`~odoo.addons.connector.unit.synchronizer.delete_lock_name`)."""
        return delete_lock_name(self.backend_record, self.model._name, external_id)

    def run(self, external_id):
        """Delete a record on the backend.

        :param external_id: external id of the record
        :return: a message saying what was done
        :raise RetryableJobError: when the lock is taken
        :raise NetworkRetryableError: on a network failure (from the adapter)
        """
        self.advisory_lock_or_retry(
            self._lock_name(external_id), retry_seconds=self._lock_retry_seconds
        )
        description = describe_external_id(
            self.backend_record, self.model._name, external_id
        )
        try:
            self.backend_adapter.delete(external_id)
        except IDMissingInBackend:
            return f"Already deleted: {description}"
        return f"Deleted {description}"
