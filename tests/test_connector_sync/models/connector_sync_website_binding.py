# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models


class ConnectorSyncWebsiteBinding(models.Model):
    """A stand-alone binding: no ``_inherits``, no link field (a remote
    website known to Odoo only through its binding)."""

    _name = "connector.sync.website.binding"
    _inherit = "external.binding"
    _description = "Stand-alone binding of a sync test website"

    backend_id = fields.Many2one(
        "connector.sync.backend", required=True, ondelete="restrict"
    )
    external_id = fields.Char()
    name = fields.Char(required=True)
    code = fields.Char()

    _sql_constraints = [
        (
            "sync_website_uniq",
            "unique(backend_id, external_id)",
            "A binding already exists for this external id.",
        ),
    ]
