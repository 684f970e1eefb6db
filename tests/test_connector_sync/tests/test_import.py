# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import re
from datetime import date, datetime, timedelta, timezone

from odoo import SUPERUSER_ID, api
from odoo.tools import mute_logger

from odoo.addons.connector.connector import pg_try_advisory_lock
from odoo.addons.connector.exception import (
    IDMissingInBackend,
    InvalidDataError,
    MappingError,
    NetworkRetryableError,
    RetryableJobError,
)
from odoo.addons.connector.unit.mapper import mapping
from odoo.addons.connector.unit.synchronizer import (
    BulkImporter,
    DirectBatchImporter,
    RecordImporter,
    external_version,
    parse_update_date,
)
from odoo.addons.test_connector_sync.backend import sync_backend_1
from odoo.addons.test_connector_sync.units import PartnerImporter, PartnerImportMapper

from .common import CATEGORY, PARTNER, STORE, WEBSITE, RemoteService, SyncCase

OLD = "2020-01-01 00:00:00"
FUTURE = "2999-01-01 00:00:00"


class CategoryBulkImporter(BulkImporter):
    """Registered by the tests that use it."""

    _model_name = CATEGORY

    def _validate_data(self, data):
        if not data.get("name"):
            raise InvalidDataError("a category needs a name")


class ImportCase(SyncCase):
    remote_service = True

    def import_record(self, model_name, external_id, **kwargs):
        importer = self.unit(RecordImporter, model_name)
        message = importer.run(external_id, **kwargs)
        return importer, message

    def seed(self):
        """A category and a partner of that category with two lines."""
        self.remote.put_record(
            "categories", 7, name="Seven", code="SEV", updated_at=OLD
        )
        self.remote.put_record(
            "partners",
            1,
            name="Alice",
            email="alice@example.org",
            category=7,
            lines=[{"name": "a", "quantity": 2}, {"name": "b", "quantity": "3"}],
            updated_at=OLD,
        )

    def find(self, model_name, external_id):
        return self.env[model_name].search(
            [
                ("backend_id", "=", self.backend_record.id),
                ("external_id", "=", str(external_id)),
            ]
        )


class TestRecordImporter(ImportCase):
    """The generic importer, end to end over HTTP."""

    def test_import_with_a_dependency(self):
        self.seed()
        importer, message = self.import_record(PARTNER, 1)
        partner = self.find(PARTNER, 1)
        category = self.find(CATEGORY, 7)
        self.assertEqual(importer.binding, partner)
        self.assertIn("created", message)
        self.assertIn("external id 1 of connector.sync.partner.binding", message)
        self.assertEqual(partner.name, "Alice")
        self.assertEqual(partner.email, "alice@example.org")
        self.assertEqual(partner.external_id, "1")
        self.assertTrue(partner.sync_date)
        self.assertTrue(partner.active)
        self.assertEqual(partner.category_id, category.odoo_id)
        self.assertEqual(
            [(line.name, line.quantity) for line in partner.line_ids],
            [("a", 2), ("b", 3)],
        )
        self.assertEqual(category.name, "Seven")
        self.assertEqual(category.code, "SEV")
        self.assertTrue(category.sync_date)
        # the record first, then its dependency
        self.assertEqual(
            self.remote.requests_log(), ["GET /partners/1", "GET /categories/7"]
        )

    def test_bound_dependency_is_not_read_again(self):
        self.seed()
        category = self.bound_category(7, name="Already here")
        self.import_record(PARTNER, 1)
        self.assertEqual(self.find(PARTNER, 1).category_id, category.odoo_id)
        self.assertEqual(category.name, "Already here")
        self.assertEqual(self.remote.requests_log(), ["GET /partners/1"])

    def test_dependency_of_the_same_model(self):
        self.remote.put_record("partners", 1, name="Parent", updated_at=OLD)
        self.remote.put_record("partners", 2, name="Child", parent=1, updated_at=OLD)
        self.import_record(PARTNER, 2)
        child = self.find(PARTNER, 2)
        self.assertEqual(child.parent_id, self.find(PARTNER, 1).odoo_id)
        self.assertEqual(child.parent_id.name, "Parent")

    def test_second_import_of_an_unchanged_record_does_nothing(self):
        self.seed()
        importer, __ = self.import_record(PARTNER, 1)
        partner = importer.binding
        sync_date = partner.sync_date
        self.env[PARTNER].invalidate_model()
        with self.assertQueryCount(3):  # lock, binder lookup, sync date
            importer, message = self.import_record(PARTNER, 1)
        self.assertIn("Already up to date", message)
        self.assertEqual(importer.binding, partner)
        self.assertEqual(partner.write_count, 0)
        self.assertEqual(partner.sync_date, sync_date)
        self.assertEqual(len(partner.line_ids), 2)
        self.assertEqual(
            self.remote.requests_log(),
            ["GET /partners/1", "GET /categories/7", "GET /partners/1"],
        )

    def test_changed_record_is_updated(self):
        self.seed()
        importer, __ = self.import_record(PARTNER, 1)
        partner = importer.binding
        self.remote.put_record(
            "partners",
            1,
            name="Alice Liddell",
            email="liddell@example.org",
            category=7,
            lines=[{"name": "c", "quantity": 1}],
            updated_at=FUTURE,
        )
        importer, message = self.import_record(PARTNER, 1)
        self.assertIn("updated", message)
        self.assertEqual(importer.binding, partner)
        self.assertEqual(partner.name, "Alice Liddell")
        self.assertEqual(partner.email, "liddell@example.org")
        # the registered LineImportMapChild replaces the lines
        self.assertEqual(partner.line_ids.mapped("name"), ["c"])
        self.assertEqual(len(self.find(PARTNER, 1)), 1)

    def test_update_writes_the_delegated_record_once(self):
        """One write on the _inherits parent for all its fields, in the
        context that prevents exports."""
        self.seed()
        partner = self.import_record(PARTNER, 1)[0].binding
        self.assertEqual(partner.write_count, 0)
        self.remote.put_record(
            "partners",
            1,
            name="Alice Liddell",
            email="liddell@example.org",
            lines=[],
            updated_at=FUTURE,
        )
        self.import_record(PARTNER, 1)
        self.assertEqual(partner.write_count, 1)
        self.assertTrue(partner.last_write_no_export)
        self.assertEqual(partner.name, "Alice Liddell")
        self.assertFalse(partner.category_id)
        self.assertFalse(partner.line_ids)

    def test_force_imports_an_unchanged_record(self):
        self.seed()
        partner = self.import_record(PARTNER, 1)[0].binding
        __, message = self.import_record(PARTNER, 1, force=True)
        self.assertIn("updated", message)
        self.assertEqual(partner.write_count, 1)

    def test_record_without_update_date_is_imported_when_changed(self):
        self.remote.put_record("categories", 7, name="Seven", updated_at="")
        category = self.import_record(CATEGORY, 7)[0].binding
        __, message = self.import_record(CATEGORY, 7)
        self.assertIn("Already up to date", message)
        self.remote.put_record("categories", 7, name="Renamed", updated_at="")
        __, message = self.import_record(CATEGORY, 7)
        self.assertIn("updated", message)
        self.assertEqual(category.name, "Renamed")

    def test_created_tells_a_create_from_an_update(self):
        self.remote.put_record("categories", 7, name="Seven", updated_at=OLD)
        importer, __ = self.import_record(CATEGORY, 7)
        self.assertTrue(importer.created)
        self.remote.put_record("categories", 7, name="Renamed", updated_at=OLD)
        importer, __ = self.import_record(CATEGORY, 7)
        self.assertFalse(importer.created)
        self.assertEqual(importer.binding.name, "Renamed")

    def test_malformed_update_date_names_key_value_and_record(self):
        importer = self.unit(RecordImporter, CATEGORY)
        importer.external_id = 7
        importer.external_record = {"name": "Seven", "updated_at": "yesterday"}
        with self.assertRaisesRegex(
            InvalidDataError,
            r"Invalid data in external id 7 of connector.sync.category.binding "
            r"\(backend .*\): its update date 'updated_at' is 'yesterday', which is "
            r"no date",
        ):
            importer._remote_update_date()

    def test_version_of_the_record_is_stored(self):
        self.remote.put_record("categories", 7, name="Seven", updated_at=OLD)
        importer, __ = self.import_record(CATEGORY, 7)
        binding = importer.binding
        self.assertEqual(
            binding.external_version, external_version(importer.external_record)
        )
        self.assertEqual(len(binding.external_version), 40)

    def test_change_dated_before_the_last_import_is_imported(self):
        """A remote clock behind ours, or a remote transaction begun before
        our read and committed after it, dates the change in the past: the
        change is imported all the same."""
        self.remote.put_record("categories", 7, name="Seven", updated_at=FUTURE)
        category = self.import_record(CATEGORY, 7)[0].binding
        self.remote.put_record("categories", 7, name="Late", updated_at=OLD)
        __, message = self.import_record(CATEGORY, 7)
        self.assertIn("updated", message)
        self.assertEqual(category.name, "Late")

    def test_change_with_the_same_update_date_is_imported(self):
        self.remote.put_record("categories", 7, name="Seven", updated_at=OLD)
        category = self.import_record(CATEGORY, 7)[0].binding
        self.remote.put_record("categories", 7, name="Same second", updated_at=OLD)
        self.import_record(CATEGORY, 7)
        self.assertEqual(category.name, "Same second")

    def test_unique_constraint_of_the_bound_model_fails_the_import(self):
        """Only the binding's own uniqueness means "bound meanwhile, retry":
        another constraint is invalid data, naming it and the record."""
        self.remote.put_record(
            "categories", 7, name="Seven", code="SEV", updated_at=OLD
        )
        self.remote.put_record(
            "categories", 8, name="Eight", code="SEV", updated_at=OLD
        )
        self.import_record(CATEGORY, 7)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(
                InvalidDataError,
                r"Invalid data in external id 8 of connector.sync.category.binding "
                r"\(backend .*\): the unique constraint "
                r"connector_sync_category_code_uniq of table connector_sync_category "
                r"refused it: .*\(code\)=\(SEV\)",
            ) as caught,
        ):
            self.import_record(CATEGORY, 8)
        self.assertNotIsInstance(caught.exception, RetryableJobError)

    def test_unique_constraint_of_the_bound_model_in_a_bulk_import(self):
        sync_backend_1(CategoryBulkImporter)
        self.addCleanup(sync_backend_1.unregister_class, CategoryBulkImporter)
        self.remote.put_record(
            "categories", 7, name="Seven", code="SEV", updated_at=OLD
        )
        self.remote.put_record(
            "categories", 8, name="Eight", code="SEV", updated_at=OLD
        )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(
                InvalidDataError,
                r"Invalid data in connector.sync.category.binding external ids "
                r"\['7', '8'\] .*connector_sync_category_code_uniq",
            ),
        ):
            self.unit(CategoryBulkImporter, CATEGORY).run([7, 8])

    def warm_up(self):
        """Import a first record of each model: the per-process caches
        (default values of the models...) are filled as in a running
        server."""
        self.remote.put_record("categories", 99, name="Warm", updated_at=OLD)
        self.remote.put_record(
            "partners", 99, name="Warm", category=99, lines=[{}], updated_at=OLD
        )
        self.import_record(PARTNER, 99)
        self.env[CATEGORY].invalidate_model()
        self.env[PARTNER].invalidate_model()

    def test_import_of_a_new_record_costs_few_queries(self):
        self.warm_up()
        self.remote.put_record("categories", 7, name="Seven", updated_at=OLD)
        # lock, binder lookup, insert of the category, insert of its binding
        with self.assertQueryCount(4):
            importer, __ = self.import_record(CATEGORY, 7)
        self.assertEqual(importer.binding.external_id, "7")
        self.assertTrue(importer.binding.sync_date)

    def test_import_with_bound_dependency_and_lines_costs_few_queries(self):
        self.seed()
        self.bound_category(7)
        self.warm_up()
        # lock, binder lookup, dependency lookup, then for the mapping of the
        # category its lookup and its binding's odoo_id, inserts of the
        # partner, its lines and its binding
        with self.assertQueryCount(8):
            importer, __ = self.import_record(PARTNER, 1)
        self.assertEqual(len(importer.binding.line_ids), 2)

    def test_update_costs_few_queries(self):
        self.warm_up()
        self.remote.put_record("categories", 7, name="Seven", updated_at=OLD)
        self.import_record(CATEGORY, 7)
        self.remote.put_record("categories", 7, name="Renamed", updated_at=FUTURE)
        self.env[CATEGORY].invalidate_model()
        # lock, binder lookup, binding row, update of the category, update
        # of the binding
        with self.assertQueryCount(5):
            importer, __ = self.import_record(CATEGORY, 7)
        self.assertEqual(importer.binding.name, "Renamed")

    def test_archived_binding_is_updated_not_duplicated(self):
        self.seed()
        partner = self.import_record(PARTNER, 1)[0].binding
        partner.active = False
        self.remote.put_record("partners", 1, name="Archived", updated_at=FUTURE)
        importer, __ = self.import_record(PARTNER, 1)
        self.assertEqual(importer.binding, partner)
        self.assertEqual(partner.name, "Archived")

    def test_lock_held_by_another_transaction(self):
        self.seed()
        importer = self.unit(RecordImporter, PARTNER)
        importer.external_id = 1
        with self.registry.cursor() as cr2:
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            self.assertTrue(pg_try_advisory_lock(env2, importer._lock_name()))
            with self.assertRaises(RetryableJobError) as cm:
                self.import_record(PARTNER, 1)
            self.assertTrue(cm.exception.ignore_retry)
            self.assertEqual(cm.exception.seconds, 1)
            self.assertIn("connector.sync.partner.binding, 1)", str(cm.exception))
            cr2.rollback()
        self.assertEqual(self.remote.requests_log(), [])
        self.assertFalse(self.find(PARTNER, 1))
        # the other transaction ended: the import goes on
        self.import_record(PARTNER, 1)
        self.assertTrue(self.find(PARTNER, 1))

    def test_lock_of_a_dependency_held_by_another_transaction(self):
        self.seed()
        importer = self.unit(RecordImporter, CATEGORY)
        importer.external_id = 7
        with self.registry.cursor() as cr2:
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            self.assertTrue(pg_try_advisory_lock(env2, importer._lock_name()))
            with self.assertRaisesRegex(RetryableJobError, "connector.sync.category"):
                self.import_record(PARTNER, 1)
            cr2.rollback()
        self.assertFalse(self.find(CATEGORY, 7))
        self.assertFalse(self.find(PARTNER, 1))

    def test_missing_keys_give_false(self):
        self.remote.put_record("partners", 1, name="Bare", updated_at=OLD)
        partner = self.import_record(PARTNER, 1)[0].binding
        self.assertEqual(partner.name, "Bare")
        self.assertFalse(partner.email)
        self.assertFalse(partner.category_id)
        self.assertFalse(partner.parent_id)
        self.assertFalse(partner.line_ids)

    def test_batch_import_in_the_transaction(self):
        for external_id in (1, 2, 3):
            self.remote.put_record(
                "categories", external_id, name=f"C{external_id}", updated_at=OLD
            )
        importer = self.unit(DirectBatchImporter, CATEGORY)
        message = importer.run()
        self.assertIn("3 connector.sync.category.binding records", message)
        self.assertEqual(
            sorted(self.env[CATEGORY].search([]).mapped("name")), ["C1", "C2", "C3"]
        )
        importer.run(filters={"name": "C2"})
        self.assertEqual(
            self.remote.requests_log()[-2:], ["GET /categories", "GET /categories/2"]
        )


class TestStandAloneBindings(ImportCase):
    """Bindings with no link field (no ``_inherits``), as Magento's websites
    and stores: imported, found and resolved inside importer runs."""

    def setUp(self):
        super().setUp()
        self.remote.put_record("websites", 5, name="Main", code="MAIN", updated_at=OLD)
        self.remote.put_record("stores", 1, name="Shop", website=5, updated_at=OLD)

    def test_import_with_a_stand_alone_dependency(self):
        importer, message = self.import_record(STORE, 1)
        store = self.find(STORE, 1)
        website = self.find(WEBSITE, 5)
        self.assertIn("created", message)
        self.assertEqual(importer.binding, store)
        self.assertEqual(store.name, "Shop")
        self.assertEqual(website.code, "MAIN")
        self.assertEqual(store.website_id, website)

    def test_update_of_a_stand_alone_binding(self):
        self.import_record(STORE, 1)
        self.remote.put_record(
            "stores", 1, name="Renamed", website=5, updated_at=FUTURE
        )
        __, message = self.import_record(STORE, 1)
        self.assertIn("updated", message)
        self.assertEqual(self.find(STORE, 1).name, "Renamed")
        self.assertEqual(len(self.env[STORE].search([])), 1)
        self.assertEqual(len(self.env[WEBSITE].search([])), 1)

    def test_bulk_import_of_stand_alone_bindings(self):
        self.remote.put_record("stores", 2, name="Outlet", website=5, updated_at=OLD)

        class StoreBulkImporter(BulkImporter):
            _model_name = STORE
            _dependencies = [(WEBSITE, "website")]

        sync_backend_1.register_class(StoreBulkImporter)
        self.addCleanup(sync_backend_1.unregister_class, StoreBulkImporter)
        message = self.unit(BulkImporter, STORE).run([1, 2])
        self.assertIn("2 created", message)
        website = self.find(WEBSITE, 5)
        self.assertEqual(self.env[STORE].search([]).mapped("website_id"), website)


class TestRecordImporterBadInput(ImportCase):
    """Clear errors, and nothing half-written."""

    def test_unknown_external_id(self):
        with self.assertRaisesRegex(IDMissingInBackend, "partners/404"):
            self.import_record(PARTNER, 404)
        self.assertFalse(self.env[PARTNER].search([]))

    def test_unknown_dependency(self):
        self.remote.put_record("partners", 1, name="A", category=99, updated_at=OLD)
        with self.assertRaisesRegex(
            MappingError,
            r"Cannot import external id 1 of connector.sync.partner.binding .*: it "
            r"refers to external id 99 of connector.sync.category.binding, which the "
            r"backend does not have .*categories/99",
        ):
            self.import_record(PARTNER, 1)
        self.assertFalse(self.env[PARTNER].search([]))

    def test_relation_without_binding(self):
        """Without the dependency declared, the mapping cannot find it."""

        class NoDependencyImporter(PartnerImporter):
            _dependencies = []

        sync_backend_1.register_class(NoDependencyImporter)
        self.addCleanup(sync_backend_1.unregister_class, NoDependencyImporter)
        self.remote.put_record("partners", 1, name="A", category=99, updated_at=OLD)
        with self.assertRaises(MappingError) as cm:
            self.import_record(PARTNER, 1)
        message = str(cm.exception)
        for part in (
            "PartnerImportMapper",
            "'category'",
            CATEGORY,
            "external id 99 of",
            PARTNER,
        ):
            self.assertIn(part, message)
        self.assertFalse(self.env[PARTNER].search([]))

    def test_validation_hook_refuses_the_data(self):
        self.remote.put_record("partners", 1, email="a@example.org", updated_at=OLD)
        with self.assertRaises(InvalidDataError) as cm:
            self.import_record(PARTNER, 1)
        message = str(cm.exception)
        self.assertIn("external id 1 of connector.sync.partner.binding", message)
        self.assertIn("a partner needs a name", message)
        self.assertFalse(self.env[PARTNER].search([]))

    def test_model_constraint_refuses_the_data(self):
        self.remote.put_record("partners", 1, name="A", email="nope", updated_at=OLD)
        with self.assertRaises(InvalidDataError) as cm:
            self.import_record(PARTNER, 1)
        message = str(cm.exception)
        self.assertIn("external id 1 of connector.sync.partner.binding", message)
        self.assertIn("'nope' is not an email address", message)

    def test_model_constraint_refuses_an_update(self):
        self.remote.put_record("partners", 1, name="A", updated_at=OLD)
        partner = self.import_record(PARTNER, 1)[0].binding
        self.remote.put_record("partners", 1, name="B", email="nope", updated_at=FUTURE)
        with self.assertRaisesRegex(InvalidDataError, "external id 1 .*'nope'"):
            self.import_record(PARTNER, 1)
        self.assertEqual(partner.external_id, "1")

    def test_values_for_unknown_fields(self):
        """Values a mapping method gives for fields the model does not have
        are refused before anything is written, naming the mapper."""

        class NicknameMapper(PartnerImportMapper):
            @mapping
            def nickname(self, record):
                return {"nickname": record.get("name")}

        sync_backend_1.register_class(NicknameMapper)
        self.addCleanup(sync_backend_1.unregister_class, NicknameMapper)
        self.remote.put_record("partners", 1, name="A", updated_at=OLD)
        with self.assertRaises(MappingError) as cm:
            self.import_record(PARTNER, 1)
        message = str(cm.exception)
        for part in (
            "Cannot map external id 1 of connector.sync.partner.binding",
            "NicknameMapper mapped values for 'nickname'",
            "connector.sync.partner.binding does not have as fields",
        ):
            self.assertIn(part, message)
        self.assertFalse(self.env[PARTNER].search([]))

    def test_bad_value_for_a_conversion(self):
        self.remote.put_record(
            "partners", 1, name="A", lines=[{"quantity": "many"}], updated_at=OLD
        )
        with self.assertRaisesRegex(
            MappingError,
            "Cannot map external id 1 of connector.sync.partner.binding .*"
            "LineImportMapper: .*'many' of the field 'quantity'",
        ):
            self.import_record(PARTNER, 1)
        self.assertFalse(self.env[PARTNER].search([]))

    def test_connection_dropped(self):
        self.seed()
        self.remote.add_fault("GET", "/partners/1", "drop")
        with self.assertRaises(NetworkRetryableError) as cm:
            self.import_record(PARTNER, 1)
        self.assertIsInstance(cm.exception, RetryableJobError)
        self.assertIn("GET", str(cm.exception))
        self.assertIn("partners/1", str(cm.exception))
        self.assertFalse(self.env[PARTNER].search([]))
        # the fault is gone: the next try imports it
        self.import_record(PARTNER, 1)
        self.assertTrue(self.find(PARTNER, 1))

    def test_server_error(self):
        self.seed()
        self.remote.add_fault("GET", "/categories/7", 503)
        with self.assertRaisesRegex(NetworkRetryableError, "server error HTTP 503"):
            self.import_record(PARTNER, 1)
        self.assertFalse(self.env[PARTNER].search([]))
        self.assertFalse(self.env[CATEGORY].search([]))

    def test_service_down(self):
        other = RemoteService()
        other.stop()
        self.backend_record.location = other.url
        with self.assertRaisesRegex(NetworkRetryableError, "GET .*partners/1"):
            self.import_record(PARTNER, 1)
        self.assertFalse(self.env[PARTNER].search([]))


class TestParseUpdateDate(SyncCase):
    """Update dates as backends give them, to naive UTC datetimes."""

    def test_strings(self):
        ten = datetime(2024, 1, 1, 10, 0, 0)
        for text, expected in (
            ("2024-01-01 10:00:00", ten),
            ("2024-01-01T10:00:00", ten),
            ("2024-01-01T10:00:00.123456Z", ten),
            ("2024-01-01T10:00:00+00:00", ten),
            ("2024-01-01T10:00:00-05:00", datetime(2024, 1, 1, 15, 0, 0)),
            ("2024-01-01T12:30:00+02:30", ten),
            (" 2024-01-01 10:00 ", ten),
        ):
            with self.subTest(text=text):
                self.assertEqual(parse_update_date(text), expected)

    def test_epoch_numbers(self):
        ten = datetime(2024, 1, 1, 10, 0, 0)
        for value in (1704103200, 1704103200.7, 1704103200000, "1704103200"):
            with self.subTest(value=value):
                self.assertEqual(parse_update_date(value), ten)

    def test_datetimes_and_dates(self):
        aware = datetime(2024, 1, 1, 11, 0, tzinfo=timezone(timedelta(hours=1)))
        self.assertEqual(parse_update_date(aware), datetime(2024, 1, 1, 10, 0))
        self.assertEqual(parse_update_date(date(2024, 1, 1)), datetime(2024, 1, 1))

    def test_empty(self):
        for value in (None, False, ""):
            self.assertIsNone(parse_update_date(value))

    def test_refused(self):
        for value in ("yesterday", True, [2024], "2024-13-45", 10**30):
            with (
                self.subTest(value=value),
                self.assertRaisesRegex(
                    ValueError, re.escape(repr(value)) if value is not True else "True"
                ),
            ):
                parse_update_date(value)


class TestBulkFallback(ImportCase):
    """Bulk imports of chunks that hand refused records to their own jobs."""

    def setUp(self):
        super().setUp()
        sync_backend_1(CategoryBulkImporter)
        self.addCleanup(sync_backend_1.unregister_class, CategoryBulkImporter)

    def record_jobs(self):
        return self.env["queue.job"].search(
            [("model_name", "=", CATEGORY), ("method_name", "=", "import_record")]
        )

    def test_refused_records_go_to_their_own_jobs(self):
        self.remote.put_record("categories", 7, name="Seven", updated_at=OLD)
        self.remote.put_record("categories", 8, updated_at=OLD)  # no name
        self.remote.put_record("categories", 9, name="Nine", updated_at=OLD)
        message = self.unit(CategoryBulkImporter, CATEGORY).run(
            [7, 8, 9, 404], fallback=True
        )
        self.assertEqual(self.find(CATEGORY, 7).name, "Seven")
        self.assertEqual(self.find(CATEGORY, 9).name, "Nine")
        self.assertFalse(self.find(CATEGORY, 8))
        self.assertFalse(self.find(CATEGORY, 404))
        self.assertIn("2 created", message)
        self.assertIn("2 handed to their own import jobs: ['404', '8']", message)
        jobs = self.record_jobs()
        self.assertEqual(sorted(job.args[1] for job in jobs), ["404", "8"])

    def test_chunk_refused_by_the_database_leaves_nothing_half_written(self):
        self.remote.put_record(
            "categories", 7, name="Seven", code="SEV", updated_at=OLD
        )
        self.remote.put_record(
            "categories", 8, name="Eight", code="SEV", updated_at=OLD
        )
        self.remote.put_record("categories", 9, name="Nine", code="NIN", updated_at=OLD)
        with mute_logger("odoo.sql_db"):
            message = self.unit(CategoryBulkImporter, CATEGORY).run(
                [7, 8, 9], fallback=True
            )
        self.assertFalse(self.env[CATEGORY].search([]))
        self.assertFalse(self.env["connector.sync.category"].search([]))
        self.assertIn("3 handed to their own import jobs", message)
        self.assertEqual(len(self.record_jobs()), 3)
        # each record job then imports its record, or fails naming it
        for external_id in (7, 9):
            self.import_record(CATEGORY, external_id)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(InvalidDataError, "external id 8 of .*code_uniq"),
        ):
            self.import_record(CATEGORY, 8)

    def test_without_fallback_the_call_fails(self):
        self.remote.put_record("categories", 8, updated_at=OLD)
        with self.assertRaisesRegex(InvalidDataError, "external id '8'"):
            self.unit(CategoryBulkImporter, CATEGORY).run([8])
        self.assertFalse(self.record_jobs())

    def test_import_chunk_job(self):
        self.remote.put_record("categories", 7, name="Seven", updated_at=OLD)
        message = self.env[CATEGORY].import_chunk(self.backend_record.id, ["7", "404"])
        self.assertIn("1 created", message)
        self.assertEqual(
            self.record_jobs().mapped("args"), [[self.backend_record, "404"]]
        )
