# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models


class ConnectorSyncCategoryBinding(models.Model):
    _name = "connector.sync.category.binding"
    _inherit = "external.binding"
    _inherits = {"connector.sync.category": "odoo_id"}
    _description = "Binding of a sync test category"

    backend_id = fields.Many2one(
        "connector.sync.backend", required=True, ondelete="restrict"
    )
    odoo_id = fields.Many2one(
        "connector.sync.category", required=True, ondelete="cascade", index=True
    )
    external_id = fields.Char()

    _sql_constraints = [
        (
            "sync_category_uniq",
            "unique(backend_id, external_id)",
            "A binding already exists for this external id.",
        ),
        (
            "sync_category_odoo_uniq",
            "unique(backend_id, odoo_id)",
            "This category is already bound to this backend.",
        ),
    ]
