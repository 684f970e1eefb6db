# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import contextlib
import time
from types import SimpleNamespace

import psycopg2

from odoo import sql_db
from odoo.tests import BaseCase, TransactionCase

from odoo.addons.connector.controllers.main import _connection_lost
from odoo.addons.connector.exception import RetryableJobError


def _env(closed):
    """An environment whose cursor's connection is ``closed`` (psycopg2
    sets 2 when the server or the network dropped it)."""
    return SimpleNamespace(cr=SimpleNamespace(_cnx=SimpleNamespace(closed=closed)))


def _job(retry=1, max_retries=5):
    return SimpleNamespace(uuid="7e1f", retry=retry, max_retries=max_retries)


class TestConnectionLost(BaseCase):
    """Which database errors of a running job the runjob controller retries
    (the real connection loss runs in tests/e2e/test_stress.py)."""

    def test_lost_connection_is_retried(self):
        err = psycopg2.OperationalError(
            "server closed the connection unexpectedly\n\tThis probably means..."
        )
        retry = _connection_lost(_env(closed=2), _job(), err)
        self.assertIsInstance(retry, RetryableJobError)
        self.assertEqual(retry.seconds, 5)
        self.assertEqual(
            str(retry),
            "The database connection of job 7e1f was lost (server closed the "
            "connection unexpectedly): the job is retried",
        )

    def test_closed_connection_error_is_retried(self):
        err = psycopg2.InterfaceError("connection already closed")
        self.assertIsInstance(
            _connection_lost(_env(closed=1), _job(), err), RetryableJobError
        )

    def test_errors_on_a_live_connection_are_left_to_queue_job(self):
        # a deadlock, a lock timeout...: queue_job decides
        err = psycopg2.OperationalError("deadlock detected")
        self.assertIsNone(_connection_lost(_env(closed=0), _job(), err))

    def test_other_errors_are_not_retried(self):
        err = psycopg2.IntegrityError("duplicate key value")
        self.assertIsNone(_connection_lost(_env(closed=2), _job(), err))

    def test_no_retry_past_max_retries(self):
        err = psycopg2.OperationalError("terminating connection")
        job = _job(retry=5, max_retries=5)
        self.assertIsNone(_connection_lost(_env(closed=2), job, err))
        # max_retries 0: retried forever, as queue_job does
        job = _job(retry=9, max_retries=0)
        self.assertIsInstance(
            _connection_lost(_env(closed=2), job, err), RetryableJobError
        )


class TestConnectionLostOnItsOwnCursor(TransactionCase):
    """A job allowed to commit (queue_job's ``allow_commit``, set on the
    legacy jobs' functions) runs on a cursor of its own: the loss of that
    connection is retried though the request's cursor is alive."""

    def _terminated_connection_error(self):
        _dbname, info = sql_db.connection_info_for(self.env.cr.dbname)
        conn = psycopg2.connect(**info)
        self.addCleanup(conn.close)
        with conn.cursor() as cr:
            cr.execute("SELECT pg_backend_pid()")
            pid = cr.fetchone()[0]
        self.env.cr.execute("SELECT pg_terminate_backend(%s)", (pid,))
        # the backend ends at its next interrupt check: wait until it is gone
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            self.env.cr.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,))
            if not self.env.cr.fetchone():
                break
            time.sleep(0.05)
        with self.assertRaises(psycopg2.Error) as caught, conn.cursor() as cr:
            cr.execute("SELECT 1")
        return caught.exception

    def test_loss_of_the_jobs_own_connection_is_retried(self):
        err = self._terminated_connection_error()
        self.assertIsNotNone(err.cursor)
        self.assertFalse(self.env.cr._cnx.closed)
        retry = _connection_lost(self.env, _job(), err)
        self.assertIsInstance(retry, RetryableJobError)
        self.assertIn("The database connection of job 7e1f was lost", str(retry))

    def test_error_of_a_live_own_connection_is_left_to_queue_job(self):
        _dbname, info = sql_db.connection_info_for(self.env.cr.dbname)
        with contextlib.closing(psycopg2.connect(**info)) as conn:
            cancelled = psycopg2.errors.QueryCanceled
            with self.assertRaises(cancelled) as caught, conn.cursor() as cr:
                cr.execute("SET statement_timeout = 10")
                cr.execute("SELECT pg_sleep(1)")
            # a statement timeout, on a connection still open
            self.assertIsInstance(caught.exception, psycopg2.OperationalError)
            self.assertFalse(conn.closed)
            self.assertIsNone(_connection_lost(self.env, _job(), caught.exception))
