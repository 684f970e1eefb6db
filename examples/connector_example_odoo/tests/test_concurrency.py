# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from contextlib import closing

from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.connector.connector import ConnectorEnvironment
from odoo.addons.connector.exception import RetryableJobError
from odoo.addons.connector.unit.synchronizer import RecordImporter

from .common import BACKEND, CATEGORY, SelfRemoteCase


@tagged("post_install", "-at_install")
class TestConcurrentImport(SelfRemoteCase):
    """Two jobs importing the same new category, in real concurrent
    transactions.

    Job 1 binds the category and commits after job 2 took its snapshot of
    the database (Odoo's transactions are REPEATABLE READ): job 2 cannot
    see the binding, gets the lock job 1 released, and would bind the
    category a second time. The unique constraint refuses it, the import
    raises RetryableJobError, and the retry (a new transaction) finds job
    1's binding.

    The transactions use connections of their own; each ``with
    db_connect(...).cursor()`` block commits when it ends without error, as
    a job does. What they commit is deleted at the end of the test.
    """

    def env_of(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def setUp(self):
        super().setUp()
        self.dbname = self.env.cr.dbname
        # the remote category lives in the test's transaction, which the
        # test server's XML-RPC requests use
        self.remote = self.remote_category("Shared")
        with db_connect(self.dbname).cursor() as cr:
            backend = self.env_of(cr)[BACKEND].create(
                {
                    "name": "Concurrent",
                    "location": self.backend.location,
                    "database": self.backend.database,
                    "login": "admin",
                    "password": "admin",
                }
            )
            self.backend_id = backend.id
        self.addCleanup(self.delete_committed)

    def delete_committed(self):
        with db_connect(self.dbname).cursor() as cr:
            env = self.env_of(cr)
            bindings = env[CATEGORY].search([("backend_id", "=", self.backend_id)])
            categories = bindings.odoo_id
            bindings.unlink()
            categories.unlink()
            env[BACKEND].browse(self.backend_id).unlink()

    def importer(self, cr):
        backend = self.env_of(cr)[BACKEND].browse(self.backend_id)
        return ConnectorEnvironment(backend, CATEGORY).get_connector_unit(
            RecordImporter
        )

    def test_binding_committed_meanwhile(self):
        external_id = str(self.remote.id)
        with closing(db_connect(self.dbname).cursor()) as job2_cr:
            job2_cr.execute("SELECT 1")  # job 2 starts: its snapshot is taken

            with db_connect(self.dbname).cursor() as job1_cr:
                job1 = self.importer(job1_cr)
                self.assertIn("created", job1.run(external_id))
                bound_by_job1 = job1.binding.id

            # the refused INSERT is logged by Odoo as a failed query
            with mute_logger("odoo.sql_db"), self.assertRaises(RetryableJobError) as cm:
                self.importer(job2_cr).run(external_id)
            job2_cr.rollback()
        self.assertEqual(
            str(cm.exception),
            f"external id '{external_id}' of {CATEGORY} (backend "
            f"{BACKEND}({self.backend_id}) 'Concurrent') was bound by another "
            "transaction meanwhile: retried",
        )
        self.assertFalse(cm.exception.ignore_retry)

        # the retry: a new transaction sees job 1's binding
        with db_connect(self.dbname).cursor() as retry_cr:
            retry = self.importer(retry_cr)
            self.assertNotIn("created", retry.run(external_id))
            self.assertEqual(retry.binding.id, bound_by_job1)
        with closing(db_connect(self.dbname).cursor()) as cr:
            bindings = self.env_of(cr)[CATEGORY].search(
                [("backend_id", "=", self.backend_id)]
            )
            self.assertEqual(bindings.mapped("external_id"), [external_id])
            self.assertEqual(bindings.name, "Shared")
