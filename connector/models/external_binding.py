# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models


class ExternalBinding(models.AbstractModel):
    """An abstract model for bindings to external records.

    A binding links an Odoo record to a record of a backend. Concrete
    bindings ``_inherit`` this model and usually ``_inherits`` the bound
    model::

        class MagentoResPartner(models.Model):
            _name = "magento.res.partner"
            _inherit = "external.binding"
            _inherits = {"res.partner": "odoo_id"}
            _description = "Magento Partner"

            odoo_id = fields.Many2one(
                "res.partner", required=True, ondelete="cascade", index=True
            )
            backend_id = fields.Many2one(
                "magento.backend", required=True, ondelete="restrict"
            )
            external_id = fields.Char(index=True)

            _sql_constraints = [
                ("magento_uniq", "unique(backend_id, external_id)",
                 "A binding already exists with the same external id."),
                ("odoo_uniq", "unique(backend_id, odoo_id)",
                 "A record is already bound to this backend."),
            ]

    The unique constraints make the binder's lookups one indexed query and
    keep two concurrent jobs from binding twice. 9.0 connectors name the
    link field ``openerp_id``: the default binder finds either.
    """

    _name = "external.binding"
    _description = "External Binding (abstract)"

    sync_date = fields.Datetime(string="Last synchronization date")
