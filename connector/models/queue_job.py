# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import logging

from odoo import models
from odoo.exceptions import UserError

from ..connector import Binder, ConnectorEnvironment
from ..exception import NoBackendError, NoConnectorUnitError

_logger = logging.getLogger(__name__)


class QueueJob(models.Model):
    """Related actions of the connector's jobs."""

    _inherit = "queue.job"

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
            action.update(view_mode="form", res_id=ids[0])
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
