# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Query counts of the import pipeline: deterministic, so asserted here
(the timings are `make bench`'s business)."""

from odoo.addons.connector.connector import Binder
from odoo.addons.connector.tests.common import ConnectorTestCase
from odoo.addons.connector.unit.synchronizer import BulkImporter
from odoo.addons.test_connector_bench.units import INDUSTRY, PARTNER, BenchAdapter


def _partner(index, generation=0):
    return {
        "id": f"P{index}",
        "name": f"Partner {index} g{generation}",
        "email": f"p{index}.g{generation}@example.com",
        "phone": f"+32 47{index:07d}",
        "street": f"{index} Rue {generation}",
        "city": "Namur",
        "zip": "5000",
        "industry": f"I{index % 3}",
        "updated_at": f"2026-0{1 + generation}-01 00:00:00",
    }


class TestQueryCounts(ConnectorTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend = cls.backend_record = cls.env["bench.backend"].create(
            {"name": "Counts"}
        )
        industries = cls.env["res.partner.industry"].create(
            [{"name": f"Industry {i}"} for i in range(3)]
        )
        cls.env[INDUSTRY].create(
            [
                {
                    "odoo_id": industry.id,
                    "backend_id": cls.backend.id,
                    "external_id": f"I{i}",
                    "sync_date": "2026-06-01 00:00:00",
                }
                for i, industry in enumerate(industries)
            ]
        )
        cls.industry_ids = {
            f"I{i}": industry.id for i, industry in enumerate(industries)
        }

    def setUp(self):
        super().setUp()
        saved = BenchAdapter.storage
        self.addCleanup(setattr, BenchAdapter, "storage", saved)
        self.store(generation=0)

    def store(self, generation, count=40):
        BenchAdapter.storage = {
            PARTNER: {f"P{i}": _partner(i, generation) for i in range(count)},
            INDUSTRY: {},
        }

    def count_queries(self, func):
        """Queries run by ``func`` with flushed, empty caches around it (but
        the backend record's, which a job reads once whatever it imports)."""
        self.env.flush_all()
        self.env.invalidate_all()
        self.backend.read(["name", "version"])
        before = self.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def import_each(self, indexes, force=False):
        model = self.env[PARTNER]
        for index in indexes:
            model.import_record(self.backend, f"P{index}", force=force)

    def raw_vals(self, index, generation=0):
        record = _partner(index, generation)
        return {
            "name": record["name"],
            "email": record["email"],
            "phone": record["phone"],
            "street": record["street"],
            "city": record["city"],
            "zip": record["zip"],
            "industry_id": self.industry_ids[record["industry"]],
        }

    def test_importer_create(self):
        """A new record with an already bound relation costs three queries
        more than the raw create of the same values: the lock, the lookup of
        the binding, the lookup of the relation's binding (the mapper finds
        it again without a query). Odoo's raw create of a partner and its
        binding being three queries, that is the six of the goal."""
        model = self.env[PARTNER]
        model.create(dict(self.raw_vals(30), backend_id=self.backend.id))  # warm
        raw = self.count_queries(
            lambda: [
                model.create(
                    dict(
                        self.raw_vals(i),
                        backend_id=self.backend.id,
                        external_id=f"R{i}",
                    )
                )
                for i in range(31, 36)
            ]
        )
        self.import_each([0])  # warms Odoo's caches
        imported = self.count_queries(lambda: self.import_each(range(1, 6)))
        self.assertLessEqual(imported, raw + 5 * 3)
        self.assertEqual(model.search_count([("external_id", "like", "P")]), 6)

    def test_importer_update_writes_once_per_table(self):
        """An update: no more queries than the raw write of the same values."""
        self.import_each(range(12))
        self.store(generation=1)
        self.import_each([0], force=True)
        updated = self.count_queries(lambda: self.import_each(range(1, 6), force=True))
        bindings = self.env[PARTNER].search([("external_id", "in", ["P6", "P7"])])
        raw = self.count_queries(
            lambda: [
                binding.write(self.raw_vals(int(binding.external_id[1:]), 1))
                for binding in bindings
            ]
        )
        self.assertLessEqual(updated / 5, raw / 2 + 3)
        self.assertEqual(
            self.env[PARTNER].search([("external_id", "=", "P3")]).name, "Partner 3 g1"
        )

    def test_unchanged_record_costs_two_queries(self):
        """The lock, and the lookup that reads the sync date; no write."""
        self.import_each(range(3))
        self.import_each([0])
        binding = self.env[PARTNER].search([("external_id", "=", "P1")])
        write_date = binding.write_date
        self.assertEqual(self.count_queries(lambda: self.import_each([1])), 2)
        self.assertEqual(binding.write_date, write_date)

    def test_binder_lookups_are_one_query(self):
        self.import_each(range(2))
        binder = self.unit(Binder, PARTNER)
        self.assertEqual(self.count_queries(lambda: binder.to_internal("P1")), 1)
        self.assertEqual(self.count_queries(lambda: binder.to_internal("nope")), 1)
        self.assertEqual(
            self.count_queries(lambda: binder.to_internal("P1", unwrap=True).id), 1
        )
        self.assertEqual(self.count_queries(lambda: binder.to_internal(False)), 0)

    def test_bulk_importer(self):
        """Twenty records in one call: a constant number of queries over
        the raw batch create of the same records."""
        model = self.env[PARTNER]
        model.create([dict(self.raw_vals(39), backend_id=self.backend.id)])  # warm
        raw = self.count_queries(
            lambda: model.create(
                [
                    dict(
                        self.raw_vals(i),
                        backend_id=self.backend.id,
                        external_id=f"R{i}",
                    )
                    for i in range(20, 38)
                ]
            )
        )
        importer = self.unit(BulkImporter, PARTNER)
        importer.run(["P0"])
        bulk = self.count_queries(lambda: importer.run([f"P{i}" for i in range(1, 19)]))
        # locks, existing bindings, relation bindings: whatever the count
        self.assertLessEqual(bulk, raw + 3)
        self.assertEqual(model.search_count([("external_id", "like", "P")]), 19)
