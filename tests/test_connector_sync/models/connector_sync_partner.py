# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ConnectorSyncPartner(models.Model):
    _name = "connector.sync.partner"
    _description = "Partner-like record of the sync tests"

    name = fields.Char(required=True)
    email = fields.Char()
    active = fields.Boolean(default=True)
    category_id = fields.Many2one("connector.sync.category", ondelete="restrict")
    parent_id = fields.Many2one("connector.sync.partner", ondelete="restrict")
    line_ids = fields.One2many("connector.sync.partner.line", "partner_id")
    # the tests count the calls to write() and check the export guard
    write_count = fields.Integer()
    last_write_no_export = fields.Boolean()

    @api.constrains("email")
    def _check_email(self):
        for record in self:
            if record.email and "@" not in record.email:
                raise ValidationError(f"{record.email!r} is not an email address")

    def write(self, vals):
        if len(self) == 1:
            vals = dict(
                vals,
                write_count=self.write_count + 1,
                last_write_no_export=bool(self.env.context.get("connector_no_export")),
            )
        return super().write(vals)
