# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models


class NoInheritsBinding(models.Model):
    _name = "no.inherits.binding"
    _inherit = "external.binding"
    _description = "Binding without _inherits"

    backend_id = fields.Many2one("test.backend", required=True, ondelete="restrict")
    external_id = fields.Char()

    def job_related_action_unwrap(self):
        """A job whose related action opens the record bound by the binding."""
        return self.ids
