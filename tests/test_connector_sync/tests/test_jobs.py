# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.addons.connector.connector import ConnectorEnvironment
from odoo.addons.connector.exception import (
    BindingError,
    FailedJobError,
    NetworkRetryableError,
)
from odoo.addons.connector.tests.common import trap_jobs
from odoo.addons.connector.unit.synchronizer import RecordImporter
from odoo.addons.queue_job.job import Job, identity_exact
from odoo.addons.test_connector_sync.units import PartnerImporter, SyncBinder

from .common import CATEGORY, PARTNER, SyncCase

OLD = "2020-01-01 00:00:00"


class TestJobs(SyncCase):
    """The job methods of the bindings, through queue_job."""

    remote_service = True

    def seed_partners(self, count=2):
        for external_id in range(1, count + 1):
            self.remote.put_record(
                "partners", external_id, name=f"P{external_id}", updated_at=OLD
            )

    def test_batch_import_enqueues_one_job_per_record(self):
        self.seed_partners()
        model = self.env[PARTNER]
        with trap_jobs() as trap:
            message = model.import_batch(self.backend_record)
            self.assertIn("2 connector.sync.partner.binding records", message)
            trap.assert_jobs_count(2, only=model.import_record)
            for external_id in (1, 2):
                trap.assert_enqueued_job(
                    model.import_record,
                    args=(self.backend_record, external_id),
                    properties={"identity_key": identity_exact},
                )
            self.assertFalse(model.search([]))
            trap.perform_enqueued_jobs()
        self.assertEqual(sorted(model.search([]).mapped("name")), ["P1", "P2"])

    def test_batch_import_job_itself_enqueued(self):
        model = self.env[PARTNER]
        with trap_jobs() as trap:
            model.with_delay().import_batch(self.backend_record, filters={"name": "P2"})
            trap.assert_enqueued_job(
                model.import_batch,
                args=(self.backend_record,),
                kwargs={"filters": {"name": "P2"}},
            )
            self.seed_partners()
            trap.perform_enqueued_jobs()
            trap.assert_jobs_count(1, only=model.import_record)
            trap.perform_enqueued_jobs()
        self.assertEqual(model.search([]).mapped("name"), ["P2"])

    def test_same_record_not_enqueued_twice(self):
        """The identity key finds the waiting job in the database."""
        self.seed_partners()
        model = self.env[PARTNER]
        domain = [("model_name", "=", PARTNER), ("method_name", "=", "import_record")]
        jobs = self.env["queue.job"]
        self.assertFalse(jobs.search(domain))
        model.import_batch(self.backend_record)
        model.import_batch(self.backend_record)
        created = jobs.search(domain)
        self.assertEqual(len(created), 2)
        self.assertEqual(set(created.mapped("state")), {"pending"})
        self.assertEqual(set(created.mapped("channel")), {"root.connector_sync"})
        self.assertEqual(sorted(job.args[1] for job in created), [1, 2])
        self.assertEqual(created.mapped("args")[0][0], self.backend_record)

    def test_jobs_run_without_delay(self):
        self.seed_partners(3)
        model = self.env[PARTNER].with_context(queue_job__no_delay=True)
        before = self.env["queue.job"].search_count([])
        model.import_batch(self.backend_record)
        self.assertEqual(self.env["queue.job"].search_count([]), before)
        self.assertEqual(len(self.env[PARTNER].search([])), 3)

    def test_direct_batch_import_job(self):
        self.remote.put_record("categories", 1, name="C1", updated_at=OLD)
        with trap_jobs() as trap:
            self.env[CATEGORY].import_batch(self.backend_record)
            trap.assert_jobs_count(0)
        self.assertEqual(self.env[CATEGORY].search([]).mapped("name"), ["C1"])

    def test_import_record_job(self):
        self.remote.put_record("categories", 7, name="Seven", updated_at=OLD)
        model = self.env[CATEGORY]
        with trap_jobs() as trap:
            model.with_delay().import_record(self.backend_record, 7, force=True)
            trap.assert_enqueued_job(
                model.import_record,
                args=(self.backend_record, 7),
                kwargs={"force": True},
            )
            trap.perform_enqueued_jobs()
        self.assertEqual(model.search([]).mapped("name"), ["Seven"])

    def test_import_record_job_network_failure_is_retried(self):
        """The job raises a retryable error; queue_job postpones it by the
        retry pattern of the job function (10 s for the first retry)."""
        self.remote.put_record("categories", 7, name="Seven", updated_at=OLD)
        self.remote.add_fault("GET", "/categories/7", 503)
        model = self.env[CATEGORY]
        job = Job.load(
            self.env, model.with_delay().import_record(self.backend_record, 7).uuid
        )
        with self.assertRaises(NetworkRetryableError):
            job.perform()
        self.assertEqual(job.retry, 1)
        self.assertEqual(job._get_retry_seconds(), 10)
        self.assertFalse(model.search([]))
        # the next try finds the service back
        job.perform()
        self.assertEqual(model.search([]).mapped("name"), ["Seven"])
        self.assertIn("created", job.result)

    def test_retries_exhausted(self):
        self.remote.add_fault("GET", "/categories/7", 503, count=5)
        job = Job.load(
            self.env,
            self.env[CATEGORY]
            .with_delay(max_retries=2)
            .import_record(self.backend_record, 7)
            .uuid,
        )
        with self.assertRaises(NetworkRetryableError):
            job.perform()
        with self.assertRaisesRegex(FailedJobError, "Max. retries \\(2\\) reached"):
            job.perform()

    def test_export_record_job(self):
        binding = self.bound_partner(None, name="Alice")
        with trap_jobs() as trap:
            binding.with_delay().export_record(fields=["name"])
            trap.assert_enqueued_job(binding.export_record, kwargs={"fields": ["name"]})
            trap.perform_enqueued_jobs()
        self.assertTrue(binding.external_id)
        self.assertEqual(
            self.remote.get_record("partners", binding.external_id)["name"], "Alice"
        )

    def test_export_delete_record_job(self):
        self.remote.put_record("partners", 5, name="Gone")
        model = self.env[PARTNER]
        with trap_jobs() as trap:
            model.with_delay().export_delete_record(self.backend_record, 5)
            trap.perform_enqueued_jobs()
        self.assertIsNone(self.remote.get_record("partners", 5))

    # the throw-away classes below call super(): not this method
    def test_connector_environment_hook(self):  # pylint: disable=missing-return
        """A binding model may build its environment with its own class."""

        class ApiEnvironment(ConnectorEnvironment):
            _propagate_kwargs = ["api"]

            def __init__(self, backend_record, session, model_name, api=None):
                super().__init__(backend_record, session, model_name)
                self.api = api

        model = self.env[PARTNER]
        connector_env = model._connector_environment(self.backend_record)
        self.assertIs(type(connector_env), ConnectorEnvironment)
        self.assertEqual(connector_env.model_name, PARTNER)
        self.assertEqual(connector_env.env, self.env)

        def api_environment(self, backend):
            return ApiEnvironment(backend, self.env, self._name, api="client")

        self.patch(type(model), "_connector_environment", api_environment)
        importer = model._connector_unit(self.backend_record, RecordImporter)
        self.assertIsInstance(importer, PartnerImporter)
        self.assertIs(type(importer.connector_env), ApiEnvironment)
        category_binder = importer.binder_for(CATEGORY)
        self.assertEqual(category_binder.connector_env.api, "client")


class TestBackendOfAnotherModel(SyncCase):
    """A backend record of another connector's model (test_connector's
    ``test.backend``) is refused, naming the model expected, before any
    lookup of units on the wrong backend."""

    remote_service = True

    def setUp(self):
        super().setUp()
        self.other_backend = self.env["test.backend"].create(
            {"name": "Other connector", "version": "1"}
        )

    def test_job_methods(self):
        model = self.env[PARTNER]
        calls = {
            "import_record": lambda: model.import_record(self.other_backend, 1),
            "import_batch": lambda: model.import_batch(self.other_backend),
            "export_delete_record": lambda: model.export_delete_record(
                self.other_backend, 1
            ),
        }
        for name, call in calls.items():
            with self.subTest(job=name):
                with self.assertRaises(BindingError) as cm:
                    call()
                message = str(cm.exception)
                self.assertIn(f"test.backend({self.other_backend.id},)", message)
                self.assertIn(
                    f"{PARTNER}.backend_id points to connector.sync.backend", message
                )
                self.assertIn("pass a connector.sync.backend record", message)
        self.assertEqual(self.remote.requests_log(), [])

    def test_binder(self):
        binder = SyncBinder(ConnectorEnvironment(self.other_backend, PARTNER))
        binding = self.bound_partner("1")
        for call in (
            lambda: binder.to_internal("1"),
            lambda: binder.to_external(binding),
            lambda: binder.bind("2", binding),
        ):
            with self.assertRaises(BindingError) as cm:
                call()
            message = str(cm.exception)
            self.assertIn("SyncBinder (binder of", message)
            self.assertIn(f"test.backend({self.other_backend.id},)", message)
            self.assertIn("work with a connector.sync.backend record", message)
        self.assertEqual(binding.external_id, "1")
