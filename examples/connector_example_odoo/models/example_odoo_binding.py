# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import api, fields, models


class ExampleOdooBinding(models.AbstractModel):
    """What every binding of the example connector has: its backend, the
    id of the remote record, and the two unique constraints that make
    duplicates impossible whatever the jobs do concurrently (one binding per
    remote id, one binding per Odoo record, on each backend; they also
    index the binder's two lookups).

    A concrete binding adds its ``odoo_id`` and ``_inherits`` the Odoo model.
    """

    _name = "example.odoo.binding"
    _inherit = "external.binding"
    _description = "Example Odoo Binding (abstract)"

    backend_id = fields.Many2one(
        "example.odoo.backend", required=True, ondelete="restrict"
    )
    external_id = fields.Char(string="Remote ID", readonly=True)

    _sql_constraints = [
        (
            "external_uniq",
            "unique(backend_id, external_id)",
            "A record is already bound to this remote id on this backend.",
        ),
        (
            "odoo_uniq",
            "unique(backend_id, odoo_id)",
            "This record is already bound to this backend.",
        ),
    ]

    @api.model
    def _connector_environment(self, backend):
        # synchronized records need no chatter message, follower or tracking
        quiet = self.with_context(tracking_disable=True)
        return super(ExampleOdooBinding, quiet)._connector_environment(backend)
