# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models


class ConnectorSyncCategory(models.Model):
    _name = "connector.sync.category"
    _description = "Category of the sync test partners"

    name = fields.Char(required=True)
    code = fields.Char()

    # a constraint of the bound model, not of the binding: a violation is
    # invalid data, never "bound meanwhile"
    _sql_constraints = [
        ("code_uniq", "unique(code)", "Two categories cannot share a code."),
    ]
