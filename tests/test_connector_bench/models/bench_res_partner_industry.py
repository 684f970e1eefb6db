# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models


class BenchResPartnerIndustry(models.Model):
    _name = "bench.res.partner.industry"
    _inherit = "external.binding"
    _inherits = {"res.partner.industry": "odoo_id"}
    _description = "Benchmark binding of an industry"

    backend_id = fields.Many2one("bench.backend", required=True, ondelete="restrict")
    odoo_id = fields.Many2one(
        "res.partner.industry", required=True, ondelete="cascade", index=True
    )
    external_id = fields.Char()

    _sql_constraints = [
        ("bench_industry_uniq", "unique(backend_id, external_id)", "Already bound."),
        ("bench_industry_odoo_uniq", "unique(backend_id, odoo_id)", "Already bound."),
    ]
