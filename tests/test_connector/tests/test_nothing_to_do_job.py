# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.tests import HttpCase, tagged

from odoo.addons.queue_job.job import Job


@tagged("post_install", "-at_install")
class TestNothingToDoJob(HttpCase):
    """Jobs run by queue_job's /queue_job/runjob controller."""

    def setUp(self):
        super().setUp()
        self.record = self.env["connector.test.record"].create({"name": "original"})

    def _run_through_controller(self, delayed_job):
        job = Job.load(self.env, delayed_job.uuid)
        job.set_enqueued()
        job.store()
        self.env.flush_all()
        response = self.url_open(
            f"/queue_job/runjob?db={self.env.cr.dbname}&job_uuid={job.uuid}"
        )
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        return self.env["queue.job"].search([("uuid", "=", job.uuid)])

    def test_nothing_to_do_ends_the_job_as_done(self):
        delayed = self.record.with_delay().job_nothing_to_do("already imported")
        job_record = self._run_through_controller(delayed)
        self.assertEqual(job_record.state, "done")
        self.assertEqual(job_record.result, "already imported")
        # what the job wrote before giving up was rolled back
        self.assertEqual(self.record.name, "original")

    def test_nothing_to_do_without_message(self):
        delayed = self.record.with_delay().job_nothing_to_do()
        job_record = self._run_through_controller(delayed)
        self.assertEqual(job_record.state, "done")
        self.assertIn("nothing to do", job_record.result)

    def test_other_jobs_run_as_before(self):
        delayed = self.record.with_delay().job_write_name("renamed")
        job_record = self._run_through_controller(delayed)
        self.assertEqual(job_record.state, "done")
        self.assertEqual(job_record.result, "renamed to renamed")
        self.assertEqual(self.record.name, "renamed")
