# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The units of the benchmark connector, reading from memory.

The adapter serves records from :attr:`BenchAdapter.storage`, filled by the
benchmark or the tests, so that measurements show the framework's cost, not a
network's.
"""

from odoo.addons.connector.connector import Binder
from odoo.addons.connector.exception import IDMissingInBackend
from odoo.addons.connector.unit.backend_adapter import CRUDAdapter
from odoo.addons.connector.unit.mapper import (
    ImportMapper,
    external_to_m2o,
    mapping,
    only_create,
)
from odoo.addons.connector.unit.synchronizer import BulkImporter, RecordImporter

from .backend import bench_backend

PARTNER = "bench.res.partner"
INDUSTRY = "bench.res.partner.industry"


@bench_backend
class BenchAdapter(CRUDAdapter):
    """Reads external records from memory: ``storage[model][external_id]``."""

    _model_name = [PARTNER, INDUSTRY]
    #: {binding model: {external id: record dict}}, shared by all instances
    storage = {}

    # an adapter's read, not the ORM's: there is no super() to call
    def read(self, external_id):  # pylint: disable=method-required-super
        """A copy of the stored record, or IDMissingInBackend."""
        try:
            return dict(self.storage[self.model._name][str(external_id)])
        except KeyError as err:
            raise IDMissingInBackend(
                f"{self.model._name} {external_id!r} is not in the benchmark storage"
            ) from err

    def search(self, filters=None):
        """The external ids stored for the model."""
        return list(self.storage.get(self.model._name, {}))


@bench_backend
class BenchBinder(Binder):
    """The default binder for both benchmark bindings."""

    _model_name = [PARTNER, INDUSTRY]


@bench_backend
class BenchPartnerMapper(ImportMapper):
    """Seven direct fields (one relation resolved through a binder) and one
    ``@only_create`` mapping."""

    _model_name = PARTNER
    direct = [
        ("name", "name"),
        ("email", "email"),
        ("phone", "phone"),
        ("street", "street"),
        ("city", "city"),
        ("zip", "zip"),
        (external_to_m2o("industry", binding=INDUSTRY), "industry_id"),
    ]

    @only_create
    @mapping
    def origin(self, record):
        """Where the partner came from, set at creation only."""
        return {"origin": f"bench {record['id']}"}


@bench_backend
class BenchIndustryMapper(ImportMapper):
    """Industries: a name and a full name."""

    _model_name = INDUSTRY
    direct = [("name", "name"), ("full_name", "full_name")]


@bench_backend
class BenchPartnerImporter(RecordImporter):
    """Partners, their industry imported first."""

    _model_name = PARTNER
    _dependencies = [(INDUSTRY, "industry")]


@bench_backend
class BenchIndustryImporter(RecordImporter):
    """Industries."""

    _model_name = INDUSTRY


@bench_backend
class BenchPartnerBulkImporter(BulkImporter):
    """Partners, many per call."""

    _model_name = PARTNER
    _dependencies = [(INDUSTRY, "industry")]
