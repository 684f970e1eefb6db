# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.connector.exception import IDMissingInBackend, InvalidDataError
from odoo.addons.connector.tests.common import trap_job_chain
from odoo.addons.connector.unit.synchronizer import BatchImporter
from odoo.addons.connector_example_odoo.units.backend_adapter import PartnerAdapter

from .common import CATEGORY, PARTNER, SelfRemoteCase


@tagged("post_install", "-at_install")
class TestImport(SelfRemoteCase):
    """Imports from a real Odoo (the test server) over XML-RPC."""

    def import_partner(self, remote, force=False):
        return self.env[PARTNER].import_record(
            self.backend, str(remote.id), force=force
        )

    def export_jobs(self):
        return self.env["queue.job"].search([("method_name", "=", "export_record")])

    def test_import_partner_and_categories(self):
        gold, silver = (
            self.remote_category("Gold", color=3),
            self.remote_category("Silver"),
        )
        remote = self.remote_partner(
            name="Azure Interior",
            email="azure@example.com",
            city="Fremont",
            country_id=self.env.ref("base.be").id,
            category_id=[Command.set((gold | silver).ids)],
        )
        result = self.import_partner(remote)

        binding = self.binding(PARTNER, remote.id)
        self.assertEqual(
            result,
            f"Imported external id '{remote.id}' of {PARTNER} (backend "
            f"example.odoo.backend({self.backend.id}) 'Remote test'): "
            f"{PARTNER}({binding.id}) created",
        )
        self.assertNotEqual(binding.odoo_id, remote)
        self.assertEqual(binding.name, "Azure Interior")
        self.assertEqual(binding.email, "azure@example.com")
        self.assertEqual(binding.city, "Fremont")
        self.assertEqual(binding.country_id, self.env.ref("base.be"))
        self.assertTrue(binding.sync_date)
        gold_binding = self.binding(CATEGORY, gold.id)
        silver_binding = self.binding(CATEGORY, silver.id)
        self.assertEqual(gold_binding.name, "Gold")
        self.assertEqual(gold_binding.color, 3)
        self.assertEqual(binding.category_id, (gold_binding | silver_binding).odoo_id)
        # what the import wrote is not exported back, and needs no review
        self.assertFalse(self.export_jobs())
        self.assertFalse(
            self.env["connector.checkpoint"].search(
                [("record_id", "=", binding.odoo_id.id)]
            )
        )

    def test_up_to_date(self):
        remote = self.remote_partner(email="a@example.com")
        self.import_partner(remote)
        result = self.import_partner(remote)
        self.assertIn("Already up to date", result)

    def set_remote_write_date(self, remote, when):
        """Stamp the remote record as a remote server whose clock reads
        ``when`` would."""
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = %s WHERE id = %s", (when, remote.id)
        )
        remote.invalidate_recordset(["write_date"])

    def test_change_stamped_by_a_remote_clock_behind_is_imported(self):
        remote = self.remote_partner(name="Before", email="a@example.com")
        self.import_partner(remote)
        binding = self.binding(PARTNER, remote.id)
        self.remote_write(remote, {"name": "After"})
        self.set_remote_write_date(remote, binding.sync_date - timedelta(minutes=10))
        self.assertIn("updated", self.import_partner(remote))
        self.assertEqual(binding.name, "After")
        self.assertIn("Already up to date", self.import_partner(remote))

    def test_change_stamped_by_a_remote_clock_ahead_is_imported(self):
        remote = self.remote_partner(name="Before", email="a@example.com")
        self.set_remote_write_date(remote, self.env.cr.now() + timedelta(minutes=10))
        self.import_partner(remote)
        binding = self.binding(PARTNER, remote.id)
        self.remote_write(remote, {"name": "After"})
        # the change is stamped later still on the remote's clock, which is
        # ahead of ours
        self.set_remote_write_date(remote, self.env.cr.now() + timedelta(minutes=11))
        self.assertIn("updated", self.import_partner(remote))
        self.assertEqual(binding.name, "After")

    def test_batch_moves_the_watermark_on_the_remote_clock(self):
        """The next batch starts from the latest remote change seen, on the
        remote's clock (10 minutes behind ours here), minus the overlap: the
        changes made after the batch are found."""
        remote = self.remote_partner(name="Batch", email="b@example.com")
        behind = (self.env.cr.now() - timedelta(minutes=10)).replace(microsecond=0)
        self.env.cr.execute("UPDATE res_partner SET write_date = %s", (behind,))
        self.env["res.partner"].invalidate_model(["write_date"])
        self.unit(BatchImporter, PARTNER).run({})
        self.assertEqual(self.backend.import_partners_since, behind)
        self.remote_write(remote, {"name": "Changed later"})
        self.set_remote_write_date(remote, behind + timedelta(seconds=30))
        self.backend.action_import_partners()
        batch = self.env["queue.job"].search(
            [("method_name", "=", "import_batch")], order="id desc", limit=1
        )
        adapter = self.unit(PartnerAdapter, PARTNER)
        self.assertIn(str(remote.id), adapter.search(batch.kwargs["filters"]))

    def test_first_import_goes_in_bulk_jobs(self):
        self.remote_partner(name="Bulk A", email="a@example.com")
        self.remote_partner(name="Bulk B", email="b@example.com")
        importer = self.unit(BatchImporter, PARTNER)
        importer._chunk_size = 2
        importer.run({})
        chunks = self.env["queue.job"].search([("method_name", "=", "import_chunk")])
        expected = self.unit(PartnerAdapter, PARTNER).search({})
        self.assertEqual(len(chunks), (len(expected) + 1) // 2)
        self.assertEqual(
            sorted(i for chunk in chunks for i in chunk.args[1]), sorted(expected)
        )
        self.assertEqual(set(chunks.mapped("channel")), {"root.connector_example"})
        self.assertFalse(
            self.env["queue.job"].search([("method_name", "=", "import_record")])
        )

    def test_import_batch_job_asked_for_one_job_per_partner(self):
        """``import_batch(bulk=False)`` (e.g. ``make bench-e2e``'s
        per-record run) enqueues one job per partner even for a first
        import."""
        self.remote_partner(name="Per record", email="p@example.com")
        self.env[PARTNER].import_batch(self.backend.id, filters={}, bulk=False)
        jobs = self.env["queue.job"].search([("method_name", "=", "import_record")])
        expected = self.unit(PartnerAdapter, PARTNER).search({})
        self.assertEqual(sorted(jobs.mapped(lambda job: job.args[1])), sorted(expected))
        self.assertFalse(
            self.env["queue.job"].search([("method_name", "=", "import_chunk")])
        )

    def test_incremental_import_goes_one_job_per_partner(self):
        remote = self.remote_partner(name="Changed", email="c@example.com")
        since = fields.Datetime.to_string(self.env.cr.now() - timedelta(seconds=1))
        self.unit(BatchImporter, PARTNER).run({"from_date": since})
        jobs = self.env["queue.job"].search([("method_name", "=", "import_record")])
        self.assertIn(str(remote.id), jobs.mapped(lambda job: job.args[1]))
        self.assertFalse(
            self.env["queue.job"].search([("method_name", "=", "import_chunk")])
        )

    def test_chunk_imports_and_hands_refused_partners_to_their_own_jobs(self):
        gold = self.remote_category("Gold")
        good = self.remote_partner(name="Good", category_id=gold.ids)
        nameless = self.remote_partner(name="Nameless", type="other")
        self.remote_write(nameless, {"name": False})
        gone = self.remote_partner(name="Gone")
        gone_id = gone.id
        gone.unlink()
        ids = [str(good.id), str(nameless.id), str(gone_id)]
        message = self.env[PARTNER].import_chunk(self.backend, ids)
        self.assertIn("1 created", message)
        binding = self.binding(PARTNER, good.id)
        self.assertEqual(binding.category_id.name, "Gold")
        # imported without email: a checkpoint, as with a record job
        self.assertTrue(
            self.env["connector.checkpoint"].search(
                [("record_id", "=", binding.odoo_id.id)]
            )
        )
        jobs = self.env["queue.job"].search([("method_name", "=", "import_record")])
        self.assertEqual(
            sorted(job.args[1] for job in jobs),
            sorted([str(nameless.id), str(gone_id)]),
        )
        self.assertFalse(self.binding(PARTNER, nameless.id))

    def test_update_does_not_export(self):
        gold = self.remote_category("Gold")
        remote = self.remote_partner(name="Before", email="a@example.com")
        self.import_partner(remote)
        self.remote_write(
            remote, {"name": "After", "category_id": [Command.set(gold.ids)]}
        )
        result = self.import_partner(remote, force=True)
        binding = self.binding(PARTNER, remote.id)
        self.assertIn("updated", result)
        self.assertEqual(binding.name, "After")
        self.assertEqual(binding.category_id.name, "Gold")
        self.assertEqual(
            len(self.env[PARTNER].search([("backend_id", "=", self.backend.id)])), 1
        )
        self.assertFalse(self.export_jobs())

    def test_shared_category_imported_once(self):
        gold = self.remote_category("Gold")
        partners = [
            self.remote_partner(
                name=f"P{i}", email=f"p{i}@example.com", category_id=gold.ids
            )
            for i in range(3)
        ]
        for remote in partners:
            self.import_partner(remote)
        self.assertEqual(
            len(self.env[CATEGORY].search([("backend_id", "=", self.backend.id)])), 1
        )

    def test_checkpoint_without_email(self):
        remote = self.remote_partner(name="No mail")
        self.import_partner(remote)
        partner = self.binding(PARTNER, remote.id).odoo_id
        checkpoint = self.env["connector.checkpoint"].search(
            [("record_id", "=", partner.id)]
        )
        self.assertEqual(checkpoint.record, partner)
        self.assertEqual(
            checkpoint.message,
            f"Imported without email from backend 'Remote test' (external id "
            f"{remote.id})",
        )
        # an update does not ask again
        self.import_partner(remote, force=True)
        self.assertEqual(
            self.env["connector.checkpoint"].search_count(
                [("record_id", "=", partner.id)]
            ),
            1,
        )

    def test_remote_partner_deleted(self):
        """The import finds the remote partner gone: the binding is deleted,
        the partner archived and a checkpoint added."""
        remote = self.remote_partner(email="gone@example.com")
        external_id = str(remote.id)
        self.import_partner(remote)
        partner = self.binding(PARTNER, external_id).odoo_id
        remote.unlink()
        result = self.env[PARTNER].import_record(self.backend, external_id)
        self.assertEqual(
            result,
            f"External id {external_id} of {PARTNER} no longer exists on backend "
            f"'Remote test': binding deleted, res.partner({partner.id}) kept",
        )
        self.assertFalse(self.binding(PARTNER, external_id))
        self.assertTrue(partner.exists())
        self.assertFalse(partner.active)
        checkpoint = self.env["connector.checkpoint"].search(
            [("record_id", "=", partner.id)]
        )
        self.assertIn("Archived: the partner of external id", checkpoint.message)
        self.assertFalse(self.export_jobs())

    def test_unknown_external_id(self):
        missing = self.env["res.partner"].search([], order="id desc", limit=1).id + 1000
        with self.assertRaises(IDMissingInBackend) as cm:
            self.env[PARTNER].import_record(self.backend, str(missing))
        self.assertEqual(
            str(cm.exception),
            f"Reading external id {missing} of {PARTNER} on backend 'Remote test' "
            f"({self.base_url()}, database {self.env.cr.dbname!r}): res.partner "
            f"{missing} does not exist",
        )

    def test_partner_without_name(self):
        """Refused before anything is written, its categories included."""
        gold = self.remote_category("Gold")
        remote = self.remote_partner(name=False, type="other", category_id=gold.ids)
        with self.assertRaises(InvalidDataError) as cm:
            self.import_partner(remote)
        self.assertEqual(
            str(cm.exception),
            f"Invalid data in external id '{remote.id}' of {PARTNER} (backend "
            f"example.odoo.backend({self.backend.id}) 'Remote test'): the remote "
            "partner has no name",
        )
        self.assertFalse(self.binding(CATEGORY, gold.id))
        self.assertFalse(self.binding(PARTNER, remote.id))

    def test_jsonrpc_version(self):
        self.backend.version = "18.0-jsonrpc"
        gold = self.remote_category("Gold")
        remote = self.remote_partner(email="json@example.com", category_id=gold.ids)
        self.import_partner(remote)
        binding = self.binding(PARTNER, remote.id)
        self.assertEqual(binding.email, "json@example.com")
        self.assertEqual(binding.category_id.name, "Gold")

    def test_batch_enqueues_one_job_per_partner(self):
        """The partners changed in the window, once each, in pages."""
        remotes = [
            self.remote_partner(name=f"Batch {i}", email=f"b{i}@example.com")
            for i in range(5)
        ]
        since = self.env.cr.now() - timedelta(seconds=1)
        filters = {"from_date": fields.Datetime.to_string(since)}
        adapter = self.unit(PartnerAdapter, PARTNER)
        adapter._page_size = 2
        self.assertEqual(adapter.search(filters), [str(r.id) for r in remotes])
        # a window that ends before they were written
        window = {
            "from_date": fields.Datetime.to_string(since - timedelta(seconds=10)),
            "to_date": fields.Datetime.to_string(since),
        }
        self.assertEqual(adapter.search(window), [])
        # the partners of users are not synchronized
        self.remote_write(self.env.ref("base.user_admin").partner_id, {"comment": "x"})
        self.assertEqual(adapter.search(filters), [str(r.id) for r in remotes])

        importer = self.unit(BatchImporter, PARTNER)
        importer.run(filters)
        importer.run(filters)
        jobs = self.env["queue.job"].search([("method_name", "=", "import_record")])
        self.assertEqual(
            sorted(job.args[1] for job in jobs), sorted(str(r.id) for r in remotes)
        )
        self.assertEqual(set(jobs.mapped("channel")), {"root.connector_example"})

    def test_import_button_runs_the_whole_chain(self):
        """The button delays the batch, which delays one import per
        partner: the testing kit's job chain performs them all here."""
        ahead = (self.env.cr.now() + timedelta(minutes=10)).replace(microsecond=0)
        remotes = [self.remote_partner(name=f"Chain {i}") for i in range(2)]
        for remote in remotes:
            self.set_remote_write_date(remote, ahead)
        self.backend.import_partners_since = ahead - timedelta(minutes=1)
        model = self.env[PARTNER]
        with trap_job_chain() as chain:
            self.backend.action_import_partners()
            chain.perform()
        chain.assert_performed(model.import_batch, 1)
        chain.assert_performed(model.import_record, 2)
        for remote in remotes:
            self.assertEqual(self.binding(PARTNER, remote.id).name, remote.name)
        self.assertEqual(self.backend.import_partners_since, ahead)
