# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from types import SimpleNamespace

import psycopg2

from odoo.tests import BaseCase

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
