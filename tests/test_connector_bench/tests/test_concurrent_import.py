# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase
from odoo.tools import mute_logger

from odoo.addons.connector.exception import RetryableJobError
from odoo.addons.test_connector_bench.units import INDUSTRY, PARTNER, BenchAdapter


class TestConcurrentImport(TransactionCase):
    """Two real transactions import the same new record: the one whose
    snapshot predates the other's commit is retried, not failed, and no
    duplicate binding exists."""

    def setUp(self):
        super().setUp()
        saved = BenchAdapter.storage
        self.addCleanup(setattr, BenchAdapter, "storage", saved)
        BenchAdapter.storage = {
            PARTNER: {
                "C1": {
                    "id": "C1",
                    "name": "Concurrent",
                    "industry": "CI",
                    "updated_at": "2026-01-01 00:00:00",
                }
            },
            INDUSTRY: {"CI": {"id": "CI", "name": "Concurrent industry"}},
        }
        # committed data, seen by the other connections; removed at the end
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.backend_id = env["bench.backend"].create({"name": "Concurrent"}).id
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            for model in (PARTNER, INDUSTRY):
                bindings = env[model].search([("backend_id", "=", self.backend_id)])
                parents = bindings.odoo_id
                bindings.unlink()
                parents.unlink()
            env["bench.backend"].browse(self.backend_id).unlink()

    def test_record_bound_meanwhile_is_retried(self):
        with self.registry.cursor() as cr_b:
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            # the snapshot of B's transaction is taken by its first query
            backend_b = env_b["bench.backend"].browse(self.backend_id)
            backend_b.read(["name"])
            with self.registry.cursor() as cr_a:
                env_a = api.Environment(cr_a, SUPERUSER_ID, {})
                backend_a = env_a["bench.backend"].browse(self.backend_id)
                env_a[PARTNER].import_record(backend_a, "C1")
            # A committed and released its locks; B does not see its bindings
            with mute_logger("odoo.sql_db"), self.assertRaises(RetryableJobError) as cm:
                env_b[PARTNER].import_record(backend_b, "C1")
            self.assertIn("bound by another transaction meanwhile", str(cm.exception))
            cr_b.rollback()
            # retried in a new transaction: it finds the binding and updates it
            env_b[PARTNER].import_record(backend_b, "C1", force=True)
            bindings = env_b[PARTNER].search([("backend_id", "=", self.backend_id)])
            self.assertEqual(bindings.mapped("external_id"), ["C1"])
            cr_b.rollback()
