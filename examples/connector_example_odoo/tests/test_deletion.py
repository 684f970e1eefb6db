# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import tagged

from odoo.addons.connector.connector import pg_try_advisory_lock
from odoo.addons.connector.exception import RetryableJobError
from odoo.addons.connector.unit.synchronizer import RecordImporter
from odoo.addons.connector_example_odoo.units.deleter import BindingDeleter

from .common import CATEGORY, PARTNER, SelfRemoteCase


@tagged("post_install", "-at_install")
class TestDeletionCheck(SelfRemoteCase):
    """The ``check_remote_deletions`` job against a real Odoo (the test
    server)."""

    def setUp(self):
        super().setUp()
        self.gold = self.remote_category("Gold")
        self.remotes = [
            self.remote_partner(
                name=f"Partner {i}",
                email=f"p{i}@example.com",
                category_id=self.gold.ids,
            )
            for i in range(3)
        ]
        for remote in self.remotes:
            self.env[PARTNER].import_record(self.backend, str(remote.id))

    def test_deleted_partner_and_category(self):
        gone = self.remotes[1]
        external_id = str(gone.id)
        partner = self.binding(PARTNER, external_id).odoo_id
        category = self.binding(CATEGORY, self.gold.id).odoo_id
        gone.unlink()
        self.gold.unlink()
        # archived remote partners are not deleted ones
        self.remote_write(self.remotes[2], {"active": False})

        result = self.env[PARTNER].check_remote_deletions(self.backend)
        self.assertEqual(
            result,
            f"3 {PARTNER} checked on backend 'Remote test': 1 gone from the remote "
            "database",
        )
        self.assertFalse(self.binding(PARTNER, external_id))
        self.assertFalse(partner.active)
        self.assertTrue(self.binding(PARTNER, self.remotes[0].id))
        self.assertTrue(self.binding(PARTNER, self.remotes[2].id))
        self.assertEqual(
            self.env["connector.checkpoint"]
            .search([("record_id", "=", partner.id)])
            .message,
            f"Archived: the partner of external id {external_id} was deleted from "
            "backend 'Remote test'",
        )

        result = self.env[CATEGORY].check_remote_deletions(self.backend)
        self.assertEqual(
            result,
            f"1 {CATEGORY} checked on backend 'Remote test': 1 gone from the remote "
            "database",
        )
        self.assertFalse(self.binding(CATEGORY, self.gold.id))
        # the category is kept, the partners still use it
        self.assertTrue(category.active)
        self.assertIn(category, self.binding(PARTNER, self.remotes[0].id).category_id)

    def test_nothing_gone(self):
        result = self.env[PARTNER].check_remote_deletions(self.backend)
        self.assertIn("3 example.odoo.res.partner checked", result)
        self.assertIn(": 0 gone", result)

    def test_deleter_waits_for_an_import_of_the_record(self):
        """A deletion and an import of the same record never overlap: the
        deleter takes the importer's lock."""
        # bound, not imported: the test's transaction holds no lock on it
        binding = self.env[PARTNER].create(
            {"name": "Bound", "backend_id": self.backend.id, "external_id": "999999"}
        )
        deleter = self.unit(BindingDeleter, PARTNER)
        # a transaction of its own, as another job has
        with db_connect(self.env.cr.dbname).cursor() as other_cr:
            other_env = api.Environment(other_cr, SUPERUSER_ID, {})
            lock = deleter._lock_name(binding.external_id)
            self.assertTrue(pg_try_advisory_lock(other_env, lock))
            with self.assertRaisesRegex(RetryableJobError, "advisory lock"):
                deleter.run(binding)
            other_cr.rollback()
        self.assertTrue(binding.exists())
        # the lock is the importer's
        importer = self.unit(RecordImporter, PARTNER)
        importer.external_id = binding.external_id
        self.assertEqual(lock, importer._lock_name())
