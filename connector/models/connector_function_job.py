# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import types

from odoo import models

from ..queue.registry import FUNCTION_JOB_PREFIX, function_job_runner


class ConnectorFunctionJob(models.AbstractModel):
    """The model whose methods run 9.0 job functions (see
    :mod:`odoo.addons.connector.queue.job`).

    queue_job 18.0 runs methods of models only: a job of the function
    ``odoo.addons.shop.jobs.import_record`` is stored as a job of the method
    ``_function_job__shop__jobs__import_record`` of this model, which calls
    the function with a ``ConnectorSession``. The methods are private (no
    RPC) and only run functions decorated with ``@job``.
    """

    _name = "connector.function.job"
    _description = "Connector 9.0 Job Functions"

    def __getattr__(self, name):
        # every job function has its method, made on demand: a stored job of a
        # function that lost its decorator still loads, then fails clearly
        if name.startswith(FUNCTION_JOB_PREFIX):
            return types.MethodType(function_job_runner(name), self)
        raise AttributeError(
            f"'{type(self).__name__}' object has no attribute '{name}'"
        )
