# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import HttpCase, tagged

from odoo.addons.connector.connector import pg_try_advisory_lock
from odoo.addons.connector.unit.synchronizer import RecordImporter
from odoo.addons.queue_job.job import Job

from .common import CATEGORY, PARTNER, SyncCase

OLD = "2020-01-01 00:00:00"


@tagged("post_install", "-at_install")
class TestJobRunner(SyncCase, HttpCase):
    """Import jobs run by queue_job's /queue_job/runjob controller."""

    remote_service = True

    def run_job(self, uuid):
        job = Job.load(self.env, uuid)
        job.set_enqueued()
        job.store()
        self.env.flush_all()
        response = self.url_open(
            f"/queue_job/runjob?db={self.env.cr.dbname}&job_uuid={uuid}", timeout=60
        )
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        return self.env["queue.job"].search([("uuid", "=", uuid)])

    def record_job_stores(self):
        """A list that receives ``(state, retry, has an ETA, result)`` each
        time queue_job stores a job (``Job.store``, which still stores).

        A job postponed by a RetryableJobError is stored on a cursor of its
        own, then queue_job rolls the request back: in production that
        store is committed already, but the test's requests share the
        test's transaction and the rollback discards it too (the job is
        found *started* again). The stores recorded here are what a
        production database keeps."""
        stores = []
        store = Job.store

        def recording_store(job):
            store(job)
            stores.append((job.state, job.retry, bool(job.eta), job.result))

        self.patch(Job, "store", recording_store)
        return stores

    def test_network_failure_leaves_nothing_half_written(self):
        """The category is imported as a dependency, then reading the parent
        fails: the job's transaction is rolled back and the job is postponed
        (pending again, one try counted, an ETA); run again, it imports
        everything."""
        self.remote.put_record("categories", 7, name="Seven", updated_at=OLD)
        self.remote.put_record("partners", 1, name="Parent", updated_at=OLD)
        self.remote.put_record(
            "partners", 2, name="Child", category=7, parent=1, updated_at=OLD
        )
        self.remote.add_fault("GET", "/partners/1", "drop")
        uuid = self.env[PARTNER].with_delay().import_record(self.backend_record, 2).uuid
        stores = self.record_job_stores()

        job_record = self.run_job(uuid)
        self.assertEqual(
            self.remote.requests_log(),
            ["GET /partners/2", "GET /categories/7", "GET /partners/1"],
        )
        self.assertFalse(self.env[CATEGORY].search([]))
        self.assertFalse(self.env[PARTNER].search([]))
        # enqueued by run_job, started, then pending again with one try
        # counted, to run again after an ETA
        self.assertEqual(
            [store[:3] for store in stores],
            [("enqueued", 0, False), ("started", 0, False), ("pending", 1, True)],
        )
        self.assertIn("partners/1", stores[-1][3])
        self.assertFalse(job_record.exc_info)

        job_record = self.run_job(uuid)
        self.assertEqual(job_record.state, "done")
        self.assertEqual(
            [store[0] for store in stores[3:]], ["enqueued", "started", "done"]
        )
        self.assertIn(
            "external id 2 of connector.sync.partner.binding", job_record.result
        )
        child = self.env[PARTNER].search([("external_id", "=", "2")])
        self.assertEqual(child.category_id.name, "Seven")
        self.assertEqual(child.parent_id.name, "Parent")

    def test_import_job_done(self):
        self.remote.put_record("categories", 7, name="Seven", updated_at=OLD)
        uuid = (
            self.env[CATEGORY].with_delay().import_record(self.backend_record, 7).uuid
        )
        job_record = self.run_job(uuid)
        self.assertEqual(job_record.state, "done")
        self.assertIn("created", job_record.result)
        self.assertEqual(self.env[CATEGORY].search([]).name, "Seven")

    def test_record_locked_by_another_transaction(self):
        """The job gives up without reading anything nor failing: it is
        postponed without counting a try; run once the lock is released, it
        imports the record."""
        self.remote.put_record("categories", 7, name="Seven", updated_at=OLD)
        uuid = (
            self.env[CATEGORY].with_delay().import_record(self.backend_record, 7).uuid
        )
        importer = self.unit(RecordImporter, CATEGORY)
        importer.external_id = 7
        stores = self.record_job_stores()
        # a connection of its own: the HTTP requests of the test share the
        # test's transaction, where the lock would be granted again
        with db_connect(self.env.cr.dbname).cursor() as other_cr:
            other_env = api.Environment(other_cr, SUPERUSER_ID, {})
            self.assertTrue(pg_try_advisory_lock(other_env, importer._lock_name()))
            job_record = self.run_job(uuid)
            other_cr.rollback()
        # enqueued by run_job, started, then pending again after an ETA,
        # without counting a try
        self.assertEqual(
            [store[:3] for store in stores],
            [("enqueued", 0, False), ("started", 0, False), ("pending", 0, True)],
        )
        self.assertIn("advisory lock", stores[-1][3])
        self.assertEqual(self.remote.requests_log(), [])
        self.assertFalse(self.env[CATEGORY].search([]))

        job_record = self.run_job(uuid)
        self.assertEqual(job_record.state, "done")
        self.assertEqual(job_record.retry, 1)
        self.assertEqual(self.env[CATEGORY].search([]).name, "Seven")
