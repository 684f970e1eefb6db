# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import models


class BenchBackend(models.Model):
    _name = "bench.backend"
    _inherit = "connector.backend"
    _description = "Backend of the benchmark connector"
    _backend_type = "connector_bench"
