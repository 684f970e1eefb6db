# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""End jobs that raise :class:`~odoo.addons.connector.exception.NothingToDoJob`
as *done*, and retry the jobs whose database connection was lost.

queue_job 18.0 dropped ``NothingToDoJob``, so a job raising it would fail.
This controller extends queue_job's ``/queue_job/runjob`` controller (Odoo
controller inheritance: the most derived class serves the route) so that
such a job is rolled back and set to done, with the exception's message as
its result, as the legacy framework did.

A job whose connection to PostgreSQL is lost while it runs (the server
terminated it: ``pg_terminate_backend``, a restart, a failover; or the
network dropped it) would fail too, though its work was rolled back with
the connection (lost during the final commit, the work may have been
committed: jobs must be idempotent, as a connector's are). The controller
turns that error into a
:class:`~odoo.addons.connector.exception.RetryableJobError`, so the job is
run again a few seconds later on a new connection (up to its
``max_retries``, as any retried job). queue_job only retries serialization
failures and deadlocks by itself.

It supports both generations of queue_job 18.0: the 18.0.1 series, where
``_try_perform_job`` is an instance method that commits the *started* state
itself, and the 18.0.2+ series, where it is a classmethod running after the
job was acquired and locked in the current transaction.
"""

import inspect
import logging

import psycopg2

from odoo.tools import config

from odoo.addons.queue_job.controllers.main import PG_RETRY, RunJobController

from ..exception import NothingToDoJob, RetryableJobError

_logger = logging.getLogger(__name__)

_SAVEPOINT = "connector_nothing_to_do"
# queue_job 18.0.2+ locks the job row in the transaction that runs the job:
# there a savepoint, not a rollback, must discard the job's work.
_LOCKS_IN_TRANSACTION = isinstance(
    inspect.getattr_static(RunJobController, "_try_perform_job"), classmethod
)


def _nothing_to_do_result(err):
    return str(err) or "Job interrupted and set to Done: nothing to do."


def _connection_lost(env, job, err):
    """The error to raise instead of ``err``, a psycopg2 error, when it
    means that the connection of the job's cursor is gone and the job may
    run again; ``None`` otherwise."""
    if not isinstance(err, psycopg2.OperationalError | psycopg2.InterfaceError):
        return None
    # a job allowed to commit runs on a cursor of its own: the error's
    # cursor tells which connection is gone
    cursor = getattr(err, "cursor", None)
    connection = cursor.connection if cursor is not None else env.cr._cnx
    if not connection.closed:
        return None
    if job.max_retries and job.retry >= job.max_retries:
        return None
    reason = (str(err).strip().splitlines() or [type(err).__name__])[0]
    return RetryableJobError(
        f"The database connection of job {job.uuid} was lost ({reason}): "
        "the job is retried",
        seconds=PG_RETRY,
    )


class ConnectorRunJobController(RunJobController):
    """``/queue_job/runjob`` with ``NothingToDoJob`` ending the job as done
    and a lost database connection retrying it."""

    def _try_perform_job(self, env, job):
        """Run the job; a ``NothingToDoJob`` discards its changes and sets
        it done with the exception's message as result; the loss of the
        database connection raises a ``RetryableJobError`` (queue_job
        postpones the job on a new cursor)."""
        if _LOCKS_IN_TRANSACTION:
            env.cr.execute(f"SAVEPOINT {_SAVEPOINT}")
        try:
            return super()._try_perform_job(env, job)
        except NothingToDoJob as err:
            if _LOCKS_IN_TRANSACTION:
                env.cr.execute(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")
            else:
                env.cr.rollback()
            # whatever the job left in the ORM cache was rolled back too
            env.invalidate_all(flush=False)
            env.transaction.clear()
            result = _nothing_to_do_result(err)
            _logger.info("%s: nothing to do: %s", job, result)
            job.set_done(result=result)
            job.store()
            env.flush_all()
            if not config["test_enable"]:
                env.cr.commit()
        except psycopg2.Error as err:
            retry = _connection_lost(env, job, err)
            if retry is None:
                raise
            _logger.warning("%s: %s", job, retry)
            raise retry from err

    if _LOCKS_IN_TRANSACTION:
        _try_perform_job = classmethod(_try_perform_job)
