# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from contextlib import closing

from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.connector.connector import ConnectorEnvironment
from odoo.addons.connector.exception import RetryableJobError
from odoo.addons.connector.unit.importer import RecordImporter
from odoo.addons.connector_example_odoo.units.deleter import BindingDeleter

from .common import BACKEND, CATEGORY, PARTNER, SelfRemoteCase


class CommittedBackendCase(SelfRemoteCase):
    """A backend committed by a transaction of its own (``self.backend_id``),
    for tests running jobs in real concurrent transactions: each ``with
    db_connect(...).cursor()`` block commits when it ends without error, as
    a job does. What they commit is deleted at the end of the test."""

    def env_of(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def setUp(self):
        super().setUp()
        self.dbname = self.env.cr.dbname
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
            for model in (PARTNER, CATEGORY):
                bindings = env[model].search([("backend_id", "=", self.backend_id)])
                records = bindings.odoo_id
                bindings.unlink()
                records.unlink()
            env[BACKEND].browse(self.backend_id).unlink()

    def unit_in(self, cr, model_name, unit_class):
        """The ``unit_class`` unit of ``model_name`` on the committed
        backend, working in the transaction of ``cr``."""
        backend = self.env_of(cr)[BACKEND].browse(self.backend_id)
        return ConnectorEnvironment(backend, model_name).get_connector_unit(unit_class)


@tagged("post_install", "-at_install")
class TestConcurrentImport(CommittedBackendCase):
    """Two jobs importing the same new category, in real concurrent
    transactions.

    Job 1 binds the category and commits after job 2 took its snapshot of
    the database (Odoo's transactions are REPEATABLE READ): job 2 cannot
    see the binding, gets the lock job 1 released, and would bind the
    category a second time. The unique constraint refuses it, the import
    raises RetryableJobError, and the retry (a new transaction) finds job
    1's binding.
    """

    def setUp(self):
        super().setUp()
        # the remote category lives in the test's transaction, which the
        # test server's XML-RPC requests use
        self.remote = self.remote_category("Shared")

    def importer(self, cr):
        return self.unit_in(cr, CATEGORY, RecordImporter)

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


@tagged("post_install", "-at_install")
class TestImportAndDeletion(CommittedBackendCase):
    """An import and a deletion of the same partner, in two real concurrent
    transactions, exclude each other: the example's
    :class:`~odoo.addons.connector_example_odoo.units.deleter.BindingDeleter`
    takes the lock of the record's import
    (:func:`~odoo.addons.connector.unit.synchronizer.import_lock_name`), which
    the importer takes first thing in its ``run``.

    The transactions use connections of their own (in an ``HttpCase``,
    ``self.registry.cursor()`` gives the test's transaction back); each has a
    ``lock_timeout``, so that a deleter and an importer that stopped sharing
    the lock fail on the binding's row instead of waiting forever.
    """

    def setUp(self):
        super().setUp()
        remote = self.remote_partner(name="Shared", email="shared@example.com")
        self.external_id = str(remote.id)
        # the binding both transactions see: imported by a committed job
        with db_connect(self.dbname).cursor() as cr:
            self.unit_in(cr, PARTNER, RecordImporter).run(self.external_id)

    def cursor(self):
        cr = db_connect(self.dbname).cursor()
        cr.execute("SET lock_timeout = '5s'")
        return closing(cr)

    def test_a_deletion_waits_for_an_import(self):
        with self.cursor() as import_cr, self.cursor() as delete_cr:
            importer = self.unit_in(import_cr, PARTNER, RecordImporter)
            # the import's own code path takes the lock, held until its
            # transaction ends
            self.assertIn("updated", importer.run(self.external_id, force=True))
            deleter = self.unit_in(delete_cr, PARTNER, BindingDeleter)
            binding = deleter.binder.to_internal(self.external_id)
            with self.assertRaisesRegex(RetryableJobError, "advisory lock") as cm:
                deleter.run(binding)
            self.assertTrue(cm.exception.ignore_retry)
            self.assertTrue(binding.exists())
            import_cr.rollback()
            # the import's transaction ended: the deletion goes on
            self.assertIn("binding deleted", deleter.run(binding))
            delete_cr.rollback()

    def test_an_import_waits_for_a_deletion(self):
        with self.cursor() as delete_cr, self.cursor() as import_cr:
            deleter = self.unit_in(delete_cr, PARTNER, BindingDeleter)
            deleter.run(deleter.binder.to_internal(self.external_id))
            importer = self.unit_in(import_cr, PARTNER, RecordImporter)
            with self.assertRaisesRegex(RetryableJobError, "advisory lock") as cm:
                importer.run(self.external_id, force=True)
            self.assertTrue(cm.exception.ignore_retry)
            self.assertFalse(importer.binding)
            delete_cr.rollback()
            import_cr.rollback()
