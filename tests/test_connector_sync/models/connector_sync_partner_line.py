# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models


class ConnectorSyncPartnerLine(models.Model):
    _name = "connector.sync.partner.line"
    _description = "Line of a sync test partner (children mappings)"

    partner_id = fields.Many2one(
        "connector.sync.partner", required=True, ondelete="cascade", index=True
    )
    name = fields.Char()
    quantity = fields.Integer()
