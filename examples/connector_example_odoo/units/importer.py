# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The importers: one record at a time, and the batch of changed partners."""

from odoo.addons.connector.exception import IDMissingInBackend, InvalidDataError
from odoo.addons.connector.unit.importer import (
    BulkImporter,
    DelayedBatchImporter,
    RecordImporter,
)

from ..backend import CATEGORY_BINDING, PARTNER_BINDING, example_odoo
from .deleter import BindingDeleter

__all__ = [
    "ExampleRecordImporter",
    "CategoryImporter",
    "PartnerImporter",
    "PartnerBatchImporter",
    "PartnerBulkImporter",
]


class ExampleRecordImporter(RecordImporter):
    """The framework's :class:`RecordImporter`, for a remote Odoo:

    * a record is up to date when the version of the remote record read
      (a digest of its data) is the one its binding stored at the last
      import: the clocks of the two servers never matter;
    * a record gone from the remote database is handed to the model's
      :class:`~.deleter.BindingDeleter` when it has a binding (the job ends
      done, saying so), else the import fails with
      :class:`~odoo.addons.connector.exception.IDMissingInBackend`;
    * when another job bound the same external id meanwhile, the framework
      retries the import (the unique constraint refuses the second binding).

    ``_after_import`` knows from the framework's ``created`` whether the run
    created the binding.
    """

    _remote_update_date_key = "write_date"

    def __init__(self, connector_env):
        super().__init__(connector_env)
        self._deletion_message = None

    def _get_external_data(self):
        try:
            return super()._get_external_data()
        except IDMissingInBackend:
            binding = self._get_binding()
            if not binding:
                raise
            self._deletion_message = self.unit_for(BindingDeleter).run(binding)
            return None

    def _must_skip(self):
        return self._deletion_message or super()._must_skip()


@example_odoo
class CategoryImporter(ExampleRecordImporter):
    """Imports a remote category (usually as a dependency of a partner)."""

    _model_name = CATEGORY_BINDING


@example_odoo
class PartnerImporter(ExampleRecordImporter):
    """Imports a remote partner, its categories first (each under its own
    lock, so partners sharing a new category import it once).

    A partner without name is refused
    (:class:`~odoo.addons.connector.exception.InvalidDataError`, the job
    fails) before its categories are imported. A partner created without
    email gets a checkpoint: someone has to complete it.
    """

    _model_name = PARTNER_BINDING
    _dependencies = [(CATEGORY_BINDING, "category_id")]

    def _before_import(self):
        # checked on the remote record, before the dependencies are imported
        if not self.external_record.get("name"):
            raise InvalidDataError(
                f"Invalid data in {self._describe()}: the remote partner has no name"
            )

    def _after_import(self, binding):
        if self.created and not binding.email:
            _checkpoint_without_email(binding)


def _checkpoint_without_email(binding):
    """Ask for a review of a partner imported without email."""
    binding.backend_id.add_checkpoint(
        model="res.partner",
        record_id=binding.odoo_id.id,
        message=(
            f"Imported without email from backend {binding.backend_id.name!r} "
            f"(external id {binding.external_id})"
        ),
    )


@example_odoo
class PartnerBulkImporter(BulkImporter):
    """Imports a chunk of remote partners at once (the ``import_chunk``
    jobs of a large import): read in one call, categories first, created
    with one ``create``. A partner without name, or gone from the remote
    meanwhile, goes to its own ``import_record`` job, which refuses or
    deletes it the way :class:`PartnerImporter` does."""

    _model_name = PARTNER_BINDING
    _dependencies = [(CATEGORY_BINDING, "category_id")]
    _record_importer_class = CategoryImporter

    def _read_records(self, external_ids):
        return self.backend_adapter.read_many(external_ids)

    def _validate_data(self, data):
        if not data.get("name"):
            raise InvalidDataError("the remote partner has no name")

    def _after_bulk_import(self, created, updated):
        for binding in created.filtered(lambda b: not b.email):
            _checkpoint_without_email(binding)


@example_odoo
class PartnerBatchImporter(DelayedBatchImporter):
    """Enqueues one ``import_record`` job per remote partner the adapter's
    ``search(filters)`` finds (see the backend's ``action_import_partners``
    for the filters), in the example's channel; the first import, and any
    of more than 100 partners, in bulk jobs (:class:`PartnerBulkImporter`).

    Before searching, it reads the latest ``write_date`` of the remote
    partners and stores it as the backend's ``import_partners_since``: the
    next import starts from there (minus an overlap). The date comes from the
    remote server's clock, so a remote clock behind or ahead of this one
    loses nothing; the overlap covers the remote transactions still running
    during the search, which commit changes dated before it.
    """

    _model_name = PARTNER_BINDING
    # a large import (the first one, or more than this many changed
    # partners) is enqueued as bulk jobs of 200 partners
    _bulk_threshold = 100

    def run(self, filters=None, bulk=None):
        """Enqueue the imports (in bulk jobs for the first import), then
        move the backend's watermark."""
        watermark = self.backend_adapter.latest_write_date(filters)
        if bulk is None and not (filters or {}).get("from_date"):
            bulk = True
        message = super().run(filters, bulk=bulk)
        backend = self.backend_record
        if watermark and (
            not backend.import_partners_since
            or watermark > backend.import_partners_since
        ):
            backend.import_partners_since = watermark
        return message
