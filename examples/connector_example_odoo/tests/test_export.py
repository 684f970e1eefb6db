# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.connector.exception import InvalidDataError
from odoo.addons.connector.unit.synchronizer import RecordExporter

from .common import CATEGORY, PARTNER, SelfRemoteCase


@tagged("post_install", "-at_install")
class TestExport(SelfRemoteCase):
    """Local changes of bound partners, exported to a real Odoo (the test
    server) over XML-RPC."""

    def setUp(self):
        super().setUp()
        self.gold = self.remote_category("Gold")
        self.remote = self.remote_partner(
            name="Azure Interior", email="azure@example.com", category_id=self.gold.ids
        )
        self.env[PARTNER].import_record(self.backend, str(self.remote.id))
        self.bound = self.binding(PARTNER, self.remote.id)
        self.partner = self.bound.odoo_id

    def export_jobs(self):
        return self.env["queue.job"].search([("method_name", "=", "export_record")])

    def test_a_change_enqueues_an_export(self):
        self.partner.write({"email": "new@example.com", "comment": "not exported"})
        job = self.export_jobs()
        self.assertEqual(len(job), 1)
        self.assertEqual(job.records, self.bound)
        self.assertEqual(job.kwargs, {"fields": ["email"]})
        self.assertEqual(job.channel, "root.connector_example")
        # the same change again before the job runs: still one job
        self.partner.write({"email": "newer@example.com"})
        self.assertEqual(self.export_jobs(), job)

    def test_a_change_of_other_fields_is_not_exported(self):
        self.partner.write({"comment": "a note", "function": "CEO"})
        self.assertFalse(self.export_jobs())

    def test_a_change_through_the_binding(self):
        self.bound.write({"phone": "+32 2 000 00 00"})
        job = self.export_jobs()
        self.assertEqual(len(job), 1)
        self.assertEqual(job.kwargs, {"fields": ["phone"]})

    def test_a_change_by_any_user(self):
        """A user who may not read bindings still triggers the export."""
        user = self.env["res.users"].create(
            {
                "name": "Sales",
                "login": "example_sales",
                "groups_id": [
                    Command.set(
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref("base.group_partner_manager").id,
                        ]
                    )
                ],
            }
        )
        self.partner.with_user(user).write({"city": "Namur"})
        self.assertEqual(len(self.export_jobs()), 1)

    def test_export_writes_the_remote_partner(self):
        self.partner.write({"email": "changed@example.com", "phone": "+1 555"})
        previous_sync = self.bound.sync_date
        result = self.bound.export_record(fields=["email", "phone"])
        self.assertEqual(
            result,
            f"Exported {PARTNER}({self.bound.id}) (backend "
            f"example.odoo.backend({self.backend.id}) 'Remote test') as external "
            f"id '{self.remote.id}'",
        )
        self.remote.invalidate_recordset()
        self.assertEqual(self.remote.email, "changed@example.com")
        self.assertEqual(self.remote.phone, "+1 555")
        self.assertEqual(self.remote.name, "Azure Interior")
        self.assertGreaterEqual(self.bound.sync_date, previous_sync)
        # binding it again is not a change to export
        self.assertEqual(len(self.export_jobs()), 1)

    def test_new_category_exported_first(self):
        silver = self.env["res.partner.category"].create({"name": "Silver (local)"})
        self.partner.write({"category_id": [Command.link(silver.id)]})
        self.bound.export_record(fields=["category_id"])
        silver_binding = self.env[CATEGORY].search([("odoo_id", "=", silver.id)])
        self.assertTrue(silver_binding.external_id)
        remote_silver = self.env["res.partner.category"].browse(
            int(silver_binding.external_id)
        )
        self.assertEqual(remote_silver.name, "Silver (local)")
        self.remote.invalidate_recordset()
        self.assertEqual(self.remote.category_id, self.gold | remote_silver)

    def test_new_binding_creates_the_remote_partner(self):
        partner = self.env["res.partner"].create(
            {"name": "Brand new", "email": "new@example.com"}
        )
        binding = self.env[PARTNER].create(
            {"backend_id": self.backend.id, "odoo_id": partner.id}
        )
        job = self.export_jobs()
        self.assertEqual(job.records, binding)
        binding.export_record()
        self.assertTrue(binding.external_id)
        remote = self.env["res.partner"].browse(int(binding.external_id))
        self.assertNotEqual(remote, partner)
        self.assertEqual(remote.name, "Brand new")
        self.assertEqual(remote.email, "new@example.com")

    def test_retried_creation_finds_the_record_created_before(self):
        """A try that died after the remote created the partner (its
        transaction, with the external id, was lost) is retried: the retry
        finds that remote partner instead of creating a second one."""
        partner = self.env["res.partner"].create(
            {"name": "Exported once", "email": "once@example.com"}
        )
        binding = self.env[PARTNER].create(
            {"backend_id": self.backend.id, "odoo_id": partner.id}
        )
        binding.export_record()
        first_remote_id = binding.external_id
        # what a rolled back transaction leaves: the binding without its id
        self.env.cr.execute(
            f"UPDATE {binding._table} SET external_id = NULL WHERE id = %s",
            (binding.id,),
        )
        binding.invalidate_recordset()
        binding.export_record()
        self.assertEqual(binding.external_id, first_remote_id)
        remotes = self.env["res.partner"].search([("name", "=", "Exported once")])
        self.assertEqual(len(remotes - partner), 1)
        xmlid = self.env["ir.model.data"].search(
            [
                ("module", "=", "connector_example_export"),
                ("res_id", "=", int(first_remote_id)),
            ]
        )
        self.assertEqual(xmlid.model, "res.partner")

    def test_creation_keys_differ_per_record_and_stay_per_retry(self):
        exporter = self.unit(RecordExporter, PARTNER)
        exporter.binding = self.bound
        key = exporter._creation_key()
        self.assertRegex(key, r"^[A-Za-z0-9_]+$")
        self.assertIn(f"_{self.partner.id}", key)
        self.assertEqual(exporter._creation_key(), key)
        other = self.unit(RecordExporter, CATEGORY)
        other.binding = self.binding(CATEGORY, self.gold.id)
        self.assertNotEqual(other._creation_key(), key)

    @mute_logger("odoo.sql_db")
    def test_creation_refused_by_the_remote(self):
        partner = self.env["res.partner"].create({"name": "Refused", "type": "other"})
        binding = self.env[PARTNER].create(
            {"backend_id": self.backend.id, "odoo_id": partner.id}
        )
        partner.write({"name": False})
        with self.assertRaisesRegex(InvalidDataError, "the values are refused"):
            binding.export_record()
        self.assertFalse(binding.external_id)

    def test_remote_partner_deleted(self):
        external_id = self.bound.external_id
        self.remote.unlink()
        self.partner.write({"email": "late@example.com"})
        result = self.bound.export_record(fields=["email"])
        self.assertEqual(
            result,
            f"External id {external_id} of {PARTNER} no longer exists on backend "
            f"'Remote test': binding deleted, res.partner({self.partner.id}) kept",
        )
        self.assertFalse(self.binding(PARTNER, external_id))
        self.assertFalse(self.partner.active)

    @mute_logger("odoo.sql_db")
    def test_refused_by_the_remote(self):
        """A contact without name here is refused by the remote Odoo."""
        self.partner.write({"type": "other", "name": False})
        with self.assertRaises(InvalidDataError) as cm:
            self.bound.export_record(fields=["name"])
        message = str(cm.exception)
        self.assertIn(
            f"Writing external id {self.remote.id} of {PARTNER} on backend 'Remote "
            "test'",
            message,
        )
        self.assertIn("the remote database refused it", message)
        self.assertIn("Contacts require a name", message)

    def test_jsonrpc_version(self):
        self.backend.version = "18.0-jsonrpc"
        self.partner.write({"email": "json@example.com"})
        self.bound.export_record(fields=["email"])
        self.remote.invalidate_recordset()
        self.assertEqual(self.remote.email, "json@example.com")
