# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The exporters: changes of partners (and new categories) to the remote
database."""

from odoo.addons.connector.exception import IDMissingInBackend
from odoo.addons.connector.unit.exporter import RecordExporter

from ..backend import CATEGORY_BINDING, PARTNER_BINDING, example_odoo
from .deleter import BindingDeleter

__all__ = ["ExampleRecordExporter", "CategoryExporter", "PartnerExporter"]


class ExampleRecordExporter(RecordExporter):
    """The framework's :class:`RecordExporter`: when the remote record to
    update is gone, the binding is handed to the model's
    :class:`~.deleter.BindingDeleter` and the job ends done, saying so.

    The last write wins: a change made here is exported even if the remote
    record changed since the last import.
    """

    def __init__(self, connector_env):
        super().__init__(connector_env)
        self._remote_missing = False

    def _update(self, data):
        try:
            return super()._update(data)
        except IDMissingInBackend:
            self._remote_missing = True
            raise

    def run(self, binding, fields=None):
        """Export ``binding`` (see :class:`RecordExporter`); when its remote
        record is gone, delete the binding instead and say so."""
        try:
            return super().run(binding, fields=fields)
        except IDMissingInBackend:
            if not self._remote_missing:
                raise
            return self.unit_for(BindingDeleter).run(binding)


@example_odoo
class CategoryExporter(ExampleRecordExporter):
    """Creates (or updates) a remote category; partners export the
    categories they use that are not bound yet."""

    _model_name = CATEGORY_BINDING


@example_odoo
class PartnerExporter(ExampleRecordExporter):
    """Exports a partner: its categories without remote id first, then the
    changed fields (all of them for a partner created on the remote)."""

    _model_name = PARTNER_BINDING
    _dependencies = [("category_id", CATEGORY_BINDING)]
