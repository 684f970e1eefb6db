# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models


class BenchResPartner(models.Model):
    _name = "bench.res.partner"
    _inherit = "external.binding"
    _inherits = {"res.partner": "odoo_id"}
    _description = "Benchmark binding of a partner"

    backend_id = fields.Many2one("bench.backend", required=True, ondelete="restrict")
    odoo_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True
    )
    external_id = fields.Char()
    # set once, when the partner is created from the backend (@only_create)
    origin = fields.Char()

    _sql_constraints = [
        ("bench_partner_uniq", "unique(backend_id, external_id)", "Already bound."),
        ("bench_partner_odoo_uniq", "unique(backend_id, odoo_id)", "Already bound."),
    ]

    def bench_noop_job(self):
        """A job doing nothing: the reference cost of a job."""
        return "nothing done"
