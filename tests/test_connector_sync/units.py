# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The units of the sync test connector, written as a backend addon would
write them on the public API: a binder, HTTP adapters (the framework's
:class:`~odoo.addons.connector.unit.http_adapter.HTTPAdapter`) for the remote
JSON service (``tests/remote_service.py``), mappers and the generic
synchronizers."""

from odoo.addons.connector.connector import Binder
from odoo.addons.connector.exception import InvalidDataError
from odoo.addons.connector.unit.http_adapter import HTTPAdapter
from odoo.addons.connector.unit.mapper import (
    ExportMapper,
    ImportMapChild,
    ImportMapper,
    convert,
    external_to_m2o,
    m2o_to_external,
    mapping,
    none,
    only_create,
)
from odoo.addons.connector.unit.synchronizer import (
    DelayedBatchImporter,
    DirectBatchImporter,
    RecordDeleter,
    RecordExporter,
    RecordImporter,
)

from .backend import sync_backend

CATEGORY = "connector.sync.category.binding"
PARTNER = "connector.sync.partner.binding"
LINE = "connector.sync.partner.line"
WEBSITE = "connector.sync.website.binding"
STORE = "connector.sync.store.binding"


@sync_backend
class SyncBinder(Binder):
    """The default binder, for every binding (stand-alone ones included)."""

    _model_name = [CATEGORY, PARTNER, WEBSITE, STORE]


class JsonServiceAdapter(HTTPAdapter):
    """The framework's HTTP adapter over the remote JSON service, one
    collection per model.

    Connection failures, timeouts and 5xx answers raise
    ``NetworkRetryableError``, 404 ``IDMissingInBackend``, other 4xx
    ``RequestRefusedError`` (see :mod:`odoo.addons.connector.unit.http_adapter`).
    The service answers a search with ``{"ids": [...]}`` and cannot search
    whole records.
    """

    _timeout = 10
    # the tests inject one fault and assert what the job does with it; the
    # adapter's own retries of reads are tested in test_http_adapter
    _read_retries = 0

    # the backend's operations, not the ORM methods of the same names
    # pylint: disable=method-required-super

    def search(self, filters=None):
        """``GET <collection>?filters``: the ids the service answers, as it
        answers them."""
        path = self._collection_path()
        answer = self._get(path, params=filters)
        if not isinstance(answer, dict) or not isinstance(answer.get("ids"), list):
            raise self._invalid(
                "GET", path, None, 'an object {"ids": [...]} is expected'
            )
        return answer["ids"]

    def search_read(self, filters=None):
        """Not offered: the service's searches answer ids only."""
        raise self._not_implemented("search_read")


@sync_backend
class CategoryAdapter(JsonServiceAdapter):
    """The categories of the service."""

    _model_name = CATEGORY
    _collection = "categories"


@sync_backend
class PartnerAdapter(JsonServiceAdapter):
    """The partners of the service."""

    _model_name = PARTNER
    _collection = "partners"


@sync_backend
class WebsiteAdapter(JsonServiceAdapter):
    """The websites of the service."""

    _model_name = WEBSITE
    _collection = "websites"


@sync_backend
class StoreAdapter(JsonServiceAdapter):
    """The stores of the service."""

    _model_name = STORE
    _collection = "stores"


@sync_backend
class CategoryImportMapper(ImportMapper):
    """A category: its name and code."""

    _model_name = CATEGORY
    direct = [("name", "name"), ("code", "code")]


@sync_backend
class PartnerImportMapper(ImportMapper):
    """A partner, its category, parent and lines."""

    _model_name = PARTNER
    direct = [
        ("name", "name"),
        (none("email"), "email"),
        (external_to_m2o("category", binding=CATEGORY), "category_id"),
        (external_to_m2o("parent", binding=PARTNER), "parent_id"),
    ]
    children = [("lines", "line_ids", LINE)]

    @only_create
    @mapping
    def active(self, record):
        """Active when created."""
        return {"active": True}


@sync_backend
class LineImportMapper(ImportMapper):
    """A partner line: its name and quantity."""

    _model_name = LINE
    direct = [("name", "name"), (convert("quantity", int), "quantity")]


@sync_backend
class LineImportMapChild(ImportMapChild):
    """Replaces the lines on each import instead of adding to them."""

    _model_name = LINE

    def format_items(self, items_values):
        """Clear the lines, then create the imported ones."""
        return [(5, 0, 0)] + super().format_items(items_values)


@sync_backend
class WebsiteImportMapper(ImportMapper):
    """A website: its name and code."""

    _model_name = WEBSITE
    direct = [("name", "name"), ("code", "code")]


@sync_backend
class StoreImportMapper(ImportMapper):
    """A store and its website."""

    _model_name = STORE
    # website_id points to the binding itself: found without unwrapping
    direct = [("name", "name"), (external_to_m2o("website"), "website_id")]


@sync_backend
class CategoryExportMapper(ExportMapper):
    """A category for the service."""

    _model_name = CATEGORY
    direct = [("name", "name"), ("code", "code")]


@sync_backend
class PartnerExportMapper(ExportMapper):
    """A partner, its category and lines for the service."""

    _model_name = PARTNER
    direct = [
        ("name", "name"),
        ("email", "email"),
        (m2o_to_external("category_id", binding=CATEGORY), "category"),
    ]
    children = [("line_ids", "lines", LINE)]


@sync_backend
class LineExportMapper(ExportMapper):
    """A partner line for the service."""

    _model_name = LINE
    direct = [("name", "name"), ("quantity", "quantity")]


@sync_backend
class CategoryImporter(RecordImporter):
    """The generic import of a category."""

    _model_name = CATEGORY


@sync_backend
class PartnerImporter(RecordImporter):
    """The generic import of a partner, its category and parent first."""

    _model_name = PARTNER
    _dependencies = [(CATEGORY, "category"), (PARTNER, "parent")]

    def _validate_data(self, data):
        if not data.get("name"):
            raise InvalidDataError("a partner needs a name")


@sync_backend
class WebsiteImporter(RecordImporter):
    """The generic import of a website."""

    _model_name = WEBSITE


@sync_backend
class StoreImporter(RecordImporter):
    """The generic import of a store, its website first."""

    _model_name = STORE
    _dependencies = [(WEBSITE, "website")]


@sync_backend
class CategoryBatchImporter(DirectBatchImporter):
    """Imports the categories found in the transaction."""

    _model_name = CATEGORY


@sync_backend
class PartnerBatchImporter(DelayedBatchImporter):
    """Delays the imports of the partners found (in bulk chunks or one job
    per record)."""

    _model_name = PARTNER


@sync_backend
class CategoryExporter(RecordExporter):
    """The generic export of a category."""

    _model_name = CATEGORY


@sync_backend
class PartnerExporter(RecordExporter):
    """The generic export of a partner, its category first."""

    _model_name = PARTNER
    _dependencies = [("category_id", CATEGORY)]


@sync_backend
class SyncDeleter(RecordDeleter):
    """The deletion of categories and partners on the service."""

    _model_name = [CATEGORY, PARTNER]
