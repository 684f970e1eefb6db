# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models


class ConnectorTestLegacyBinding(models.Model):
    _name = "connector.test.legacy.binding"
    _inherit = "external.binding"
    _inherits = {"connector.test.record": "openerp_id"}
    _description = "9.0-style binding of the test connector (integer ids)"

    backend_id = fields.Many2one("test.backend", required=True, ondelete="restrict")
    openerp_id = fields.Many2one(
        "connector.test.record", required=True, ondelete="cascade", index=True
    )
    external_id = fields.Integer()

    _sql_constraints = [
        (
            "test_legacy_binding_uniq",
            "unique(backend_id, external_id)",
            "A binding already exists for this external id.",
        ),
    ]

    def job_related_action_unwrap(self):
        """A job whose related action opens the record bound by the binding."""
        return self.ids
