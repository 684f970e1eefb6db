# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import logging

from odoo import models
from odoo.exceptions import UserError

from odoo.addons.queue_job.job import Job as StoredJob

from ..connector import Binder, ConnectorEnvironment
from ..exception import NoBackendError, NoConnectorUnitError
from ..queue.registry import FUNCTION_JOB_PREFIX
from ..queue.storage import Job
from ..session import ConnectorSession

_logger = logging.getLogger(__name__)


class QueueJob(models.Model):
    """Related actions of the connector's jobs, and a write check on the
    buttons that change a job's state."""

    _inherit = "queue.job"

    def _change_job_state(self, state, result=None):
        """queue_job's requeue, *done* and *cancel* buttons, for the users who
        may write the jobs only.

        queue_job writes the state with superuser rights, trusting that only
        Job Queue Managers read jobs; the connector lets Connector Managers
        read them too, not operate them.

        :raise AccessError: for a user who may only read the jobs
        """
        self.check_access("write")
        return super()._change_job_state(state, result=result)

    def related_action_unwrap_binding(self, binder_class=Binder):
        """Open the record bound by the binding of the job.

        For a job on a binding (e.g. an export of ``magento.res.partner``),
        opens the Odoo record it binds (the ``res.partner``), found with the
        binder of the binding's backend::

            ConnectorEnvironment(binding.backend_id, binding._name)
                .get_connector_unit(binder_class)

        When the binder cannot unwrap (it raises ``ValueError``, e.g. a
        binding without ``_inherits``), or no binder or backend is found,
        opens the binding itself. A job on several bindings opens the list
        of their records.

        Declare it on the job's ``queue.job.function``::

            <record id="job_function_export" model="queue.job.function">
                <field name="model_id" ref="model_magento_res_partner" />
                <field name="method">export_record</field>
                <field
                    name="related_action"
                    eval='{"func_name": "related_action_unwrap_binding"}'
                />
            </record>

        :param binder_class: the ``Binder`` class to look up
        :return: a window action
        :raise UserError: when the bindings of the job no longer exist (the
            message begins as queue_job's when a job has no related action)
        """
        self.ensure_one()
        bindings = self.records.exists()
        if not bindings:
            raise UserError(
                self.env._(
                    "No action available for this job: the record(s) %(model)s "
                    "%(ids)s of job %(job)s no longer exist.",
                    model=self.model_name,
                    ids=self.records.ids,
                    job=self.uuid,
                )
            )
        model_name, ids = self._unwrap_bindings(bindings, binder_class)
        action = {
            "name": self.env._("Related Record"),
            "type": "ir.actions.act_window",
            "res_model": model_name,
        }
        if len(ids) == 1:
            # view_type as 10.0 returned it (Odoo 18 ignores it): callers and
            # tests of 10.0 connectors compare the whole action
            action.update(view_type="form", view_mode="form", res_id=ids[0])
        else:
            action.update(
                name=self.env._("Related Records"),
                view_mode="list,form",
                domain=[("id", "in", ids)],
            )
        return action

    def _unwrap_bindings(self, bindings, binder_class):
        """The model and ids of the records bound by ``bindings``, or the
        bindings' own when they cannot be unwrapped."""
        if "backend_id" not in bindings._fields:
            return bindings._name, bindings.ids
        try:
            unwrapped = []
            model_name = None
            for binding in bindings:
                binder = ConnectorEnvironment(
                    binding.backend_id, binding._name
                ).get_connector_unit(binder_class)
                model_name = binder.unwrap_model()
                unwrapped.append(binder.unwrap_binding(binding).id)
        except (ValueError, NoBackendError, NoConnectorUnitError) as err:
            _logger.debug("related action of %s opens the binding: %s", self, err)
            return bindings._name, bindings.ids
        if not model_name:
            return bindings._name, bindings.ids
        return model_name, unwrapped

    def related_action_function_job(self):
        """The related action of a job of a 9.0 job function: the result of
        the function's ``@related_action`` callable, called with a
        ``ConnectorSession`` of the current user and the 9.0
        :class:`~odoo.addons.connector.queue.job.Job` of this job.

        :return: an action, or ``None`` when the function has none
        :raise UserError: when the job's function is no longer known, or
            when its related action raised (the message names the job, the
            function and the error)
        """
        self.ensure_one()
        if not (self.method_name or "").startswith(FUNCTION_JOB_PREFIX):
            return None
        try:
            legacy_job = Job._from_queue_job(self._load_job())
            return legacy_job.related_action(ConnectorSession.from_env(self.env))
        except UserError:
            raise
        except Exception as err:
            _logger.warning("related action of job %s failed", self.uuid, exc_info=True)
            raise UserError(
                self.env._(
                    "The related action of job %(job)s (%(description)s) failed: "
                    "%(error)s",
                    job=self.uuid,
                    description=self.name,
                    error=err,
                )
            ) from err

    def related_action_open_record(self):
        """queue_job's default related action; for a job of a 9.0 job
        function (whose records are no business records), the function's
        related action."""
        if (self.method_name or "").startswith(FUNCTION_JOB_PREFIX):
            return self.related_action_function_job()
        return super().related_action_open_record()

    def _load_job(self):
        """queue_job's ``Job`` of this record."""
        return StoredJob.load(self.env, self.uuid)
