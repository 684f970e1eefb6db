# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models


class ConnectorTestBinding(models.Model):
    _name = "connector.test.binding"
    _inherit = "external.binding"
    _inherits = {"connector.test.record": "odoo_id"}
    _description = "10.0-style binding of the test connector"

    backend_id = fields.Many2one("test.backend", required=True, ondelete="restrict")
    odoo_id = fields.Many2one(
        "connector.test.record", required=True, ondelete="cascade", index=True
    )
    external_id = fields.Char()
    # whether the last write had connector_no_export in its context
    last_write_no_export = fields.Boolean()

    _sql_constraints = [
        (
            "test_binding_uniq",
            "unique(backend_id, external_id)",
            "A binding already exists for this external id.",
        ),
        (
            "test_binding_odoo_uniq",
            "unique(backend_id, odoo_id)",
            "This record is already bound to this backend.",
        ),
    ]

    def write(self, vals):
        vals = dict(
            vals, last_write_no_export=bool(self.env.context.get("connector_no_export"))
        )
        return super().write(vals)

    def job_related_action_unwrap(self):
        """A job whose related action opens the record bound by the binding."""
        return self.ids
