# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import SUPERUSER_ID, api

from odoo.addons.connector.connector import pg_try_advisory_lock
from odoo.addons.connector.exception import (
    InvalidDataError,
    MappingError,
    NetworkRetryableError,
    RequestRefusedError,
    RetryableJobError,
)
from odoo.addons.connector.unit.synchronizer import RecordDeleter, RecordExporter
from odoo.addons.test_connector_sync.backend import sync_backend_1
from odoo.addons.test_connector_sync.units import PartnerExporter

from .common import CATEGORY, PARTNER, SyncCase


class ExportCase(SyncCase):
    remote_service = True

    def export(self, binding, **kwargs):
        exporter = self.unit(RecordExporter, binding._name)
        return exporter.run(binding, **kwargs)

    def new_partner(self, **values):
        category = self.env["connector.sync.category"].create(
            {"name": "Seven", "code": "SEV"}
        )
        return self.bound_partner(
            None,
            **dict(
                {
                    "name": "Alice",
                    "email": "alice@example.org",
                    "category_id": category.id,
                    "line_ids": [(0, 0, {"name": "a", "quantity": 2})],
                },
                **values,
            ),
        )


class TestRecordExporter(ExportCase):
    """The generic exporter, end to end over HTTP."""

    def test_export_a_new_record_with_its_dependency(self):
        partner = self.new_partner()
        message = self.export(partner)
        self.assertIn("Exported connector.sync.partner.binding", message)
        # the category got a binding, exported first
        category = self.env[CATEGORY].search([("odoo_id", "=", partner.category_id.id)])
        self.assertEqual(category.backend_id, self.backend_record)
        self.assertTrue(category.external_id)
        self.assertTrue(category.sync_date)
        self.assertEqual(
            self.remote.requests_log(), ["POST /categories", "POST /partners"]
        )
        self.assertTrue(partner.external_id)
        self.assertTrue(partner.sync_date)
        remote = self.remote.get_record("partners", partner.external_id)
        self.assertEqual(remote["name"], "Alice")
        self.assertEqual(remote["email"], "alice@example.org")
        self.assertEqual(str(remote["category"]), category.external_id)
        self.assertEqual(remote["lines"], [{"name": "a", "quantity": 2}])
        remote_category = self.remote.get_record("categories", category.external_id)
        self.assertEqual(remote_category["code"], "SEV")

    def test_exported_dependency_is_not_exported_again(self):
        partner = self.new_partner()
        self.create_binding(CATEGORY, "c7", record=partner.category_id)
        self.export(partner)
        self.assertEqual(self.remote.requests_log(), ["POST /partners"])
        remote = self.remote.get_record("partners", partner.external_id)
        self.assertEqual(remote["category"], "c7")

    def test_update_only_the_changed_fields(self):
        partner = self.new_partner()
        self.export(partner)
        partner.write({"name": "Renamed", "email": "new@example.org"})
        message = self.export(partner, fields=["email"])
        self.assertIn("Exported", message)
        self.assertEqual(
            self.remote.requests_log()[-1], f"PUT /partners/{partner.external_id}"
        )
        remote = self.remote.get_record("partners", partner.external_id)
        self.assertEqual(remote["email"], "new@example.org")
        self.assertEqual(remote["name"], "Alice")

    def test_update_of_all_fields(self):
        partner = self.new_partner()
        self.export(partner)
        partner.write({"name": "Renamed", "line_ids": [(5, 0, 0)]})
        self.export(partner)
        remote = self.remote.get_record("partners", partner.external_id)
        self.assertEqual(remote["name"], "Renamed")
        self.assertEqual(remote["lines"], [])

    def test_fields_ignored_on_creation(self):
        partner = self.new_partner()
        self.export(partner, fields=["email"])
        remote = self.remote.get_record("partners", partner.external_id)
        self.assertEqual(remote["name"], "Alice")
        self.assertEqual(remote["email"], "alice@example.org")

    def test_nothing_to_export(self):
        partner = self.new_partner()
        self.export(partner)
        log = self.remote.requests_log()
        message = self.export(partner, fields=["active"])
        self.assertIn("Nothing to export", message)
        self.assertEqual(self.remote.requests_log(), log)

    def test_change_from_an_import_is_not_exported(self):
        partner = self.new_partner()
        message = self.export(partner.with_context(connector_no_export=True))
        self.assertIn("the change comes from an import", message)
        exporter = self.unit(
            RecordExporter, PARTNER, env=self.env(context={"connector_no_export": True})
        )
        self.assertIn("from an import", exporter.run(partner))
        self.assertEqual(self.remote.requests_log(), [])
        self.assertFalse(partner.external_id)

    def test_deleted_binding(self):
        partner = self.new_partner()
        partner.unlink()
        message = self.export(partner)
        self.assertIn("the record was deleted", message)
        self.assertEqual(self.remote.requests_log(), [])

    def test_lock_held_by_another_transaction(self):
        partner = self.new_partner()
        exporter = self.unit(RecordExporter, PARTNER)
        exporter.binding = partner
        self.env.flush_all()
        with self.registry.cursor() as cr2:
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            self.assertTrue(pg_try_advisory_lock(env2, exporter._lock_name()))
            with self.assertRaisesRegex(RetryableJobError, "export_record"):
                self.export(partner)
            cr2.rollback()
        self.assertEqual(self.remote.requests_log(), [])


class TestRecordExporterBadInput(ExportCase):
    """Clear errors, and no half-bound record."""

    def test_backend_refuses_the_data(self):
        self.remote.put_record("partners", 1, name="Other", email="alice@example.org")
        partner = self.new_partner()
        with self.assertRaises(RequestRefusedError) as cm:
            self.export(partner)
        self.assertIn("409", str(cm.exception))
        self.assertIn("email already used", str(cm.exception))
        self.assertFalse(partner.external_id)

    def test_validation_hook(self):
        class CheckingExporter(PartnerExporter):
            def _validate_create_data(self, data):
                if not data.get("lines"):
                    raise InvalidDataError(f"{self._describe()}: lines required")

        sync_backend_1.register_class(CheckingExporter)
        self.addCleanup(sync_backend_1.unregister_class, CheckingExporter)
        partner = self.new_partner(line_ids=[])
        with self.assertRaisesRegex(
            InvalidDataError, r"connector.sync.partner.binding\(\d+\).*lines required"
        ):
            self.export(partner)
        self.assertNotIn("POST /partners", self.remote.requests_log())

    def test_unbound_relation_without_dependency(self):
        class NoDependencyExporter(PartnerExporter):
            _dependencies = []

        sync_backend_1.register_class(NoDependencyExporter)
        self.addCleanup(sync_backend_1.unregister_class, NoDependencyExporter)
        partner = self.new_partner()
        with self.assertRaisesRegex(
            MappingError,
            r"Cannot map connector.sync.partner.binding\(\d+\).*"
            "PartnerExportMapper.*category_id",
        ):
            self.export(partner)
        self.assertEqual(self.remote.requests_log(), [])

    def test_network_failure(self):
        partner = self.new_partner()
        self.remote.add_fault("POST", "/partners", "drop")
        with self.assertRaisesRegex(NetworkRetryableError, "POST .*partners"):
            self.export(partner)
        self.assertFalse(partner.external_id)
        self.assertEqual(self.remote.ids("partners"), [])


class TestRecordDeleter(ExportCase):
    def test_delete(self):
        self.remote.put_record("partners", 1, name="A")
        deleter = self.unit(RecordDeleter, PARTNER)
        message = deleter.run(1)
        self.assertIn("Deleted external id 1", message)
        self.assertIsNone(self.remote.get_record("partners", 1))

    def test_delete_an_absent_record(self):
        deleter = self.unit(RecordDeleter, CATEGORY)
        self.assertIn("Already deleted", deleter.run(404))

    def test_network_failure(self):
        self.remote.put_record("partners", 1, name="A")
        self.remote.add_fault("DELETE", "/partners/1", 502)
        with self.assertRaises(NetworkRetryableError):
            self.unit(RecordDeleter, PARTNER).run(1)
        self.assertTrue(self.remote.get_record("partners", 1))

    def test_lock_held_by_another_transaction(self):
        deleter = self.unit(RecordDeleter, PARTNER)
        with self.registry.cursor() as cr2:
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            self.assertTrue(pg_try_advisory_lock(env2, deleter._lock_name(1)))
            with self.assertRaisesRegex(RetryableJobError, "delete_record"):
                deleter.run(1)
            cr2.rollback()
