# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import unittest

from odoo.tests import BaseCase

from odoo.addons.connector.backend import BACKENDS, Backend
from odoo.addons.connector.exception import (
    InvalidDataError,
    NoConnectorUnitError,
    NothingToDoJob,
)
from odoo.addons.connector.tests.common import (
    ConnectorTestCase,
    RestoreBackendsMixin,
    trap_job_chain,
)
from odoo.addons.connector.unit.mapper import ImportMapper
from odoo.addons.connector.unit.synchronizer import RecordImporter
from odoo.addons.queue_job.job import identity_exact
from odoo.addons.test_connector_sync.backend import sync_backend, sync_backend_1
from odoo.addons.test_connector_sync.units import (
    CategoryImporter,
    CategoryImportMapper,
)

from .common import CATEGORY, PARTNER, WEBSITE, SyncCase

OLD = "2020-01-01 00:00:00"


class TestJobChain(SyncCase):
    """trap_job_chain: jobs and the jobs they delay, performed in the test."""

    remote_service = True

    def setUp(self):
        super().setUp()
        for external_id in (1, 2, 3):
            self.remote.put_record(
                "partners", external_id, name=f"P{external_id}", updated_at=OLD
            )

    def test_a_batch_and_the_jobs_it_delays(self):
        model = self.env[PARTNER]
        with trap_job_chain() as chain:
            model.with_delay().import_batch(self.backend_record)
            self.assertEqual(len(chain.pending(model.import_batch)), 1)
            performed = chain.perform()
        self.assertEqual(
            [job.method_name for job in performed],
            ["import_batch"] + ["import_record"] * 3,
        )
        self.assertEqual(chain.performed, performed)
        chain.assert_performed(model.import_batch, 1)
        chain.assert_performed(model.import_record, 3)
        chain.assert_enqueued_job(
            model.import_record,
            args=(self.backend_record, 2),
            properties={"identity_key": identity_exact},
        )
        self.assertIn("3 connector.sync.partner.binding records", chain.results()[0])
        self.assertTrue(all("created" in r for r in chain.results(model.import_record)))
        self.assertEqual(chain.pending(), [])
        self.assertEqual(len(model.search([])), 3)

    def test_assert_performed_lists_what_ran(self):
        model = self.env[PARTNER]
        with trap_job_chain() as chain:
            model.with_delay().import_record(self.backend_record, 1)
            chain.perform()
        with self.assertRaises(AssertionError) as caught:
            chain.assert_performed(model.import_record, 2)
        message = str(caught.exception)
        self.assertIn(f"1 jobs {PARTNER}.import_record performed, expected 2", message)
        self.assertIn(f"{PARTNER}().import_record(", message)

    def test_a_chain_that_does_not_end(self):
        model = self.env[PARTNER]
        with trap_job_chain(limit=2) as chain:
            model.with_delay().import_batch(self.backend_record)
            with self.assertRaisesRegex(
                AssertionError, "performed 2 jobs and did not end: .*import_record"
            ):
                chain.perform()

    def test_a_failed_job_leaves_nothing_and_is_named(self):
        """(Odoo's assertRaises would roll back the whole block: the error is
        caught by hand to see what the chain left.)"""
        self.remote.put_record("partners", 4, name="", updated_at=OLD)
        model = self.env[PARTNER]
        with trap_job_chain() as chain:
            model.with_delay().import_record(self.backend_record, 1)
            model.with_delay().import_record(self.backend_record, 4)
            try:
                chain.perform()
            except InvalidDataError as err:
                error = err
        self.assertIn("a partner needs a name", str(error))
        notes = getattr(error, "__notes__", None)
        if notes is not None:  # Python 3.11+
            self.assertIn("raised by the job", notes[0])
            self.assertIn("import_record(", notes[0])
        self.assertEqual(len(chain.performed), 1)
        # the job before it kept its work, the failed one left nothing
        self.assertEqual(model.search([]).mapped("name"), ["P1"])

    def test_nothing_to_do_is_done_and_rolled_back(self):
        class NothingImporter(CategoryImporter):
            def run(self, external_id, force=False):
                self.env["connector.sync.category"].create({"name": "Dropped"})
                raise NothingToDoJob(f"nothing to do for {external_id}")

        sync_backend_1(NothingImporter)
        model = self.env[CATEGORY]
        with trap_job_chain() as chain:
            model.with_delay().import_record(self.backend_record, 9)
            chain.perform()
        self.assertEqual(chain.results(), ["nothing to do for 9"])
        self.assertFalse(
            self.env["connector.sync.category"].search([("name", "=", "Dropped")])
        )


class TestConnectorTestCase(SyncCase):
    """The base test case: units, bindings, the registry restored."""

    def test_unit(self):
        self.assertIsInstance(self.unit(ImportMapper, CATEGORY), CategoryImportMapper)
        importer = self.unit(RecordImporter, CATEGORY, env=self.env(context={"x": 1}))
        self.assertEqual(importer.env.context.get("x"), 1)
        with self.assertRaisesRegex(NoConnectorUnitError, "res.partner"):
            self.unit(ImportMapper, "res.partner")

    def test_another_backend(self):
        other = self.env["connector.sync.backend"].create(
            {"name": "Other", "version": "1"}
        )
        binding = self.create_binding(CATEGORY, 5, backend=other, name="C")
        self.assertEqual(binding.backend_id, other)
        self.assertFalse(self.binding(CATEGORY, 5))
        self.assertEqual(self.binding(CATEGORY, 5, backend=other), binding)
        connector_env = self.connector_env(CATEGORY, backend=other)
        self.assertEqual(connector_env.backend_record, other)

    def test_no_backend_record(self):
        self.backend_record = None
        with self.assertRaisesRegex(ValueError, "TestConnectorTestCase has no backend"):
            self.unit(ImportMapper, CATEGORY)

    def test_create_binding(self):
        binding = self.create_binding(CATEGORY, 12, name="Twelve")
        self.assertEqual(binding.external_id, "12")
        self.assertEqual(binding.backend_id, self.backend_record)
        self.assertEqual(binding.odoo_id.name, "Twelve")
        self.assertFalse(binding.sync_date)
        unexported = self.create_binding(CATEGORY, None, name="New")
        self.assertFalse(unexported.external_id)

    def test_create_binding_of_a_record(self):
        category = self.env["connector.sync.category"].create({"name": "Mine"})
        binding = self.create_binding(CATEGORY, "c1", record=category)
        self.assertEqual(binding.odoo_id, category)
        with self.assertRaisesRegex(ValueError, f"{WEBSITE} has no field linking"):
            self.create_binding(WEBSITE, "w1", record=category)

    def test_binding_finds_archived_ones(self):
        binding = self.create_binding(PARTNER, 3, name="Old", active=False)
        self.assertEqual(self.binding(PARTNER, 3), binding)
        self.assertFalse(self.binding(PARTNER, 4))


class TestRestoreBackends(BaseCase):
    """What a test registers is gone when it ends."""

    def test_registry_and_units_restored(self):
        class Probe(RestoreBackendsMixin, unittest.TestCase):
            def runTest(self):
                Backend("kit_probe")

                @sync_backend(replacing=CategoryImportMapper)
                class ProbeMapper(CategoryImportMapper):
                    pass

                @sync_backend_1
                class ProbeImporter(RecordImporter):
                    _model_name = CATEGORY

                Probe.registered = (ProbeMapper, ProbeImporter)

        before = set(BACKENDS.backends)
        entries = list(sync_backend._class_entries)
        replaced_by = [list(entry.replaced_by) for entry in entries]
        result = unittest.TestResult()
        Probe().run(result)
        self.assertTrue(result.wasSuccessful(), result.errors + result.failures)
        self.assertEqual(set(BACKENDS.backends), before)
        self.assertEqual(sync_backend._class_entries, entries)
        self.assertEqual([list(e.replaced_by) for e in entries], replaced_by)
        registered = {e.cls for e in sync_backend_1._class_entries}
        self.assertFalse(registered & set(Probe.registered))


class TestWithoutBackendRecord(ConnectorTestCase):
    """The base test case without a backend record of the class."""

    def test_helpers_with_an_explicit_backend(self):
        backend = self.env["connector.sync.backend"].create(
            {"name": "Explicit", "version": "1"}
        )
        self.assertIsInstance(
            self.unit(ImportMapper, CATEGORY, backend=backend), CategoryImportMapper
        )
        with self.assertRaisesRegex(ValueError, "set cls.backend_record"):
            self.binding(CATEGORY, 1)
