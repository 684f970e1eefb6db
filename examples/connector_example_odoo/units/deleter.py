# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""What happens here when a record disappears from the remote database.

A remote record is deleted: its binding is deleted, the Odoo record is
kept (other documents may refer to it). A partner is also archived, and a
checkpoint asks a Connector Manager to review it; a category stays as it
is (partners may still use it).

Two things find out that a remote record is gone, and both call the model's
:class:`BindingDeleter`:

* an import of the record (the adapter's ``read`` raises
  :class:`~odoo.addons.connector.exception.IDMissingInBackend`), and an
  export of it (its ``write`` does), see :mod:`.importer` and
  :mod:`.exporter`;
* the :class:`DeletionChecker`, run by the ``check_remote_deletions`` job
  (the backend's *Check deletions* button): the batch import only sees
  records that still exist, so it is the one way to notice the deletion of
  a record that does not change here.

Deleting a partner in this database deletes its binding (``ondelete``
cascade) and nothing else: the remote partner is left alone.
"""

from odoo.addons.connector.unit.synchronizer import Synchronizer, import_lock_name

from ..backend import CATEGORY_BINDING, PARTNER_BINDING, example_odoo

__all__ = [
    "BindingDeleter",
    "PartnerBindingDeleter",
    "CategoryBindingDeleter",
    "DeletionChecker",
]


class BindingDeleter(Synchronizer):
    """Deletes the binding of a record gone from the remote database.

    ``run(binding)`` takes the advisory lock the importer takes for the same
    record (an import and a deletion of one record never overlap), deletes
    the binding, then calls :meth:`_after_unbind` with the Odoo record,
    which is kept. Subclasses registered per binding model decide what
    else happens.
    """

    _model_name = None
    _lock_retry_seconds = 1

    def _lock_name(self, external_id):
        """The lock of the import of the record: an import and a deletion of
        it exclude each other."""
        return import_lock_name(self.backend_record, self.model._name, external_id)

    def _after_unbind(self, record, external_id):
        """Hook called with the Odoo record once its binding is deleted."""

    def run(self, binding):
        """Delete ``binding``, whose remote record is gone.

        :return: a message saying what was done (the job's result)
        :raise RetryableJobError: when an import of the record holds its lock
        """
        binding.ensure_one()
        external_id = binding.external_id
        self.advisory_lock_or_retry(
            self._lock_name(external_id), retry_seconds=self._lock_retry_seconds
        )
        record = self.binder.unwrap_binding(binding)
        binding.with_context(connector_no_export=True).unlink()
        self._after_unbind(record.with_context(connector_no_export=True), external_id)
        return (
            f"External id {external_id} of {self.model._name} no longer exists on "
            f"backend {self.backend_record.name!r}: binding deleted, "
            f"{record._name}({record.id}) kept"
        )


@example_odoo
class CategoryBindingDeleter(BindingDeleter):
    """A category gone from the remote database: only its binding is
    deleted."""

    _model_name = CATEGORY_BINDING


@example_odoo
class PartnerBindingDeleter(BindingDeleter):
    """A partner gone from the remote database: its binding is deleted, the
    partner archived, and a checkpoint added on it."""

    _model_name = PARTNER_BINDING

    def _after_unbind(self, record, external_id):
        record.write({"active": False})
        self.backend_record.add_checkpoint(
            model=record._name,
            record_id=record.id,
            message=(
                f"Archived: the partner of external id {external_id} was deleted "
                f"from backend {self.backend_record.name!r}"
            ),
        )


@example_odoo
class DeletionChecker(Synchronizer):
    """Finds the bindings whose remote record is gone and deletes them
    with the model's :class:`BindingDeleter`.

    The external ids are checked ``_page_size`` at a time with the
    adapter's ``existing_ids``: one remote call per page.
    """

    _model_name = [PARTNER_BINDING, CATEGORY_BINDING]
    _page_size = 500

    def run(self):
        """Check every binding of the backend for the model.

        :return: a message with the numbers checked and deleted
        """
        bindings = self.model.with_context(active_test=False).search(
            [
                (self.binder._backend_field, "=", self.backend_record.id),
                (self.binder._external_field, "!=", False),
            ],
            order="id",
        )
        deleter = self.unit_for(BindingDeleter)
        gone = 0
        for start in range(0, len(bindings), self._page_size):
            page = bindings[start : start + self._page_size]
            existing = self.backend_adapter.existing_ids(
                page.mapped(self.binder._external_field)
            )
            for binding in page:
                if binding[self.binder._external_field] not in existing:
                    deleter.run(binding)
                    gone += 1
        return (
            f"{len(bindings)} {self.model._name} checked on backend "
            f"{self.backend_record.name!r}: {gone} gone from the remote database"
        )
