# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models


class ConnectorSyncStoreBinding(models.Model):
    """A stand-alone binding pointing to another one: a remote store of a
    remote website."""

    _name = "connector.sync.store.binding"
    _inherit = "external.binding"
    _description = "Stand-alone binding of a sync test store"

    backend_id = fields.Many2one(
        "connector.sync.backend", required=True, ondelete="restrict"
    )
    external_id = fields.Char()
    name = fields.Char(required=True)
    website_id = fields.Many2one(
        "connector.sync.website.binding", required=True, ondelete="restrict"
    )

    _sql_constraints = [
        (
            "sync_store_uniq",
            "unique(backend_id, external_id)",
            "A binding already exists for this external id.",
        ),
    ]
