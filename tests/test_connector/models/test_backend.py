# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models


class TestBackend(models.Model):
    _name = "test.backend"
    _inherit = "connector.backend"
    _description = "Backend of the test connector"
    _backend_type = "test_connector"

    version = fields.Selection(selection_add=[("1", "Version 1"), ("2", "Version 2")])
    company_id = fields.Many2one("res.company")
