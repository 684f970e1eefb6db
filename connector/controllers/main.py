# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""End jobs that raise :class:`~odoo.addons.connector.exception.NothingToDoJob`
as *done*.

queue_job 18.0 dropped ``NothingToDoJob``, so a job raising it would fail.
This controller extends queue_job's ``/queue_job/runjob`` controller (Odoo
controller inheritance: the most derived class serves the route) so that
such a job is rolled back and set to done, with the exception's message as
its result, as the legacy framework did.

It supports both generations of queue_job 18.0: the 18.0.1 series, where
``_try_perform_job`` is an instance method that commits the *started* state
itself, and the 18.0.2+ series, where it is a classmethod running after the
job was acquired and locked in the current transaction.
"""

import inspect
import logging

from odoo.tools import config

from odoo.addons.queue_job.controllers.main import RunJobController

from ..exception import NothingToDoJob

_logger = logging.getLogger(__name__)

_SAVEPOINT = "connector_nothing_to_do"
# queue_job 18.0.2+ locks the job row in the transaction that runs the job:
# there a savepoint, not a rollback, must discard the job's work.
_LOCKS_IN_TRANSACTION = isinstance(
    inspect.getattr_static(RunJobController, "_try_perform_job"), classmethod
)


def _nothing_to_do_result(err):
    return str(err) or "Job interrupted and set to Done: nothing to do."


class ConnectorRunJobController(RunJobController):
    """``/queue_job/runjob`` with ``NothingToDoJob`` ending the job as done."""

    def _try_perform_job(self, env, job):
        """Run the job; a ``NothingToDoJob`` discards its changes and sets
        it done with the exception's message as result."""
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

    if _LOCKS_IN_TRANSACTION:
        _try_perform_job = classmethod(_try_perform_job)
