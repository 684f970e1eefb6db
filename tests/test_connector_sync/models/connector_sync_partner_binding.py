# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models


class ConnectorSyncPartnerBinding(models.Model):
    _name = "connector.sync.partner.binding"
    _inherit = "external.binding"
    _inherits = {"connector.sync.partner": "odoo_id"}
    _description = "Binding of a sync test partner"

    backend_id = fields.Many2one(
        "connector.sync.backend", required=True, ondelete="restrict"
    )
    odoo_id = fields.Many2one(
        "connector.sync.partner", required=True, ondelete="cascade", index=True
    )
    external_id = fields.Char()
    # a many2one to a binding: mapped without modifier by the mappers
    category_binding_id = fields.Many2one(
        "connector.sync.category.binding", ondelete="set null"
    )

    _sql_constraints = [
        (
            "sync_partner_uniq",
            "unique(backend_id, external_id)",
            "A binding already exists for this external id.",
        ),
        (
            "sync_partner_odoo_uniq",
            "unique(backend_id, odoo_id)",
            "This partner is already bound to this backend.",
        ),
    ]
