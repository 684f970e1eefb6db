# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import models

from odoo.addons.connector.exception import RetryableJobError
from odoo.addons.connector.queue.job import job, related_action


class ConnectorTestBinding(models.Model):
    """10.0-style job methods, declared with the legacy decorators."""

    _inherit = "connector.test.binding"

    @job(default_channel="root.test_connector.methods", retry_pattern={1: 11})
    @related_action(action="related_action_unwrap_binding")
    def legacy_export(self, suffix=""):
        """Export the binding (10.0 job method)"""
        for binding in self:
            binding.external_id = f"exported{suffix}"
        return self.ids

    @job
    def legacy_retry(self):
        raise RetryableJobError("not now")
