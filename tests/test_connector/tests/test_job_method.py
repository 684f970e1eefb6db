# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.tests import tagged

from odoo.addons.connector.exception import JobFunctionError, RetryableJobError
from odoo.addons.connector.queue.job import JOB_REGISTRY, job
from odoo.addons.queue_job.controllers import main as runjob
from odoo.addons.queue_job.job import Job as StoredJob

from .common import TestConnectorCase


@tagged("post_install", "-at_install")
class TestJobMethod(TestConnectorCase):
    """@job and @related_action on model methods (10.0) configure queue_job."""

    def _binding(self):
        return self.env["connector.test.binding"].create(
            {"name": "Bound", "backend_id": self.backend_record.id}
        )

    def test_method_attributes(self):
        method = type(self.env["connector.test.binding"]).legacy_export
        self.assertTrue(method.delayable)
        self.assertEqual(method.default_channel, "root.test_connector.methods")
        self.assertEqual(method.related_action, "related_action_unwrap_binding")
        self.assertNotIn(method, JOB_REGISTRY, "methods are no 9.0 functions")

    def test_job_function_registered_with_its_options(self):
        config = self.env["queue.job.function"].job_config(
            "<connector.test.binding>.legacy_export"
        )
        self.assertTrue(config.job_function_id)
        self.assertEqual(config.channel, "root.test_connector.methods")
        self.assertEqual(config.retry_pattern, {1: 11})
        self.assertEqual(
            config.related_action_func_name, "related_action_unwrap_binding"
        )
        plain = self.env["queue.job.function"].job_config(
            "<connector.test.binding>.legacy_retry"
        )
        self.assertEqual(plain.channel, "root")
        self.assertIsNone(plain.related_action_func_name)

    def test_legacy_jobs_may_commit(self):
        """Where queue_job forbids commits in jobs (18.0.4 and later), the job
        functions of the legacy jobs, methods and 9.0 functions, allow them
        (queue_job then runs them on a cursor of their own)."""
        functions = self.env["queue.job.function"]
        if "allow_commit" not in functions._fields:
            # queue_job 18.0.1: no such option, and no job is refused a commit
            self.assertFalse(hasattr(runjob, "_prevent_commit"))
            return
        names = [
            "<connector.test.binding>.legacy_export",
            "<connector.test.binding>.legacy_retry",
            "<connector.function.job>._function_job__test_connector__jobs__record_call",
        ]
        records = functions.search([("name", "in", names)])
        self.assertEqual(sorted(records.mapped("name")), sorted(names))
        self.assertTrue(all(records.mapped("allow_commit")))
        # ... but while tests run, they stay in the test's transaction
        for name in names:
            self.assertFalse(functions.job_config(name).allow_commit, name)
        binding = self._binding()
        queued = binding.with_delay().legacy_export(suffix="-2")
        StoredJob.load(self.env, queued.uuid).perform()
        self.assertEqual(binding.external_id, "exported-2")

    def test_with_delay_runs_the_method(self):
        binding = self._binding()
        queued = binding.with_delay(priority=4).legacy_export(suffix="-1")
        stored = queued.db_record()
        self.assertEqual(stored.channel, "root.test_connector.methods")
        self.assertEqual(stored.priority, 4)
        self.assertEqual(stored.name, "Export the binding (10.0 job method)")
        StoredJob.load(self.env, queued.uuid).perform()
        self.assertEqual(binding.external_id, "exported-1")

    def test_related_action_of_the_method(self):
        binding = self._binding()
        stored = binding.with_delay().legacy_export().db_record()
        action = stored.open_related_action()
        self.assertEqual(action["res_model"], "connector.test.record")
        self.assertEqual(action["res_id"], binding.odoo_id.id)

    def test_retry_pattern_of_the_method(self):
        queued = self._binding().with_delay().legacy_retry()
        stored = StoredJob.load(self.env, queued.uuid)
        with self.assertRaises(RetryableJobError):
            stored.perform()
        self.assertEqual(stored._get_retry_seconds(), 600, "no pattern: 10 minutes")
        export = StoredJob.load(
            self.env, self._binding().with_delay().legacy_export().uuid
        )
        export.retry = 1
        self.assertEqual(export._get_retry_seconds(), 11)

    def test_delay_on_a_method_says_how_to_delay(self):
        with self.assertRaisesRegex(
            JobFunctionError,
            r"ConnectorTestBinding.legacy_export.delay\(\) is the 9.0 form.*"
            r"with_delay\(\).legacy_export",
        ):
            self._binding().legacy_export.delay()

    def test_method_with_a_bad_channel_is_refused(self):
        with self.assertRaisesRegex(JobFunctionError, "default_channel must be 'root'"):

            class Broken:  # pylint: disable=unused-variable
                @job(default_channel="other")
                def method(self):
                    pass
