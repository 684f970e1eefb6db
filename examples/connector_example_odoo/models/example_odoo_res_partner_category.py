# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import api, fields, models

from ..backend import CATEGORY_BINDING
from ..units.deleter import DeletionChecker


class ExampleOdooResPartnerCategory(models.Model):
    """A partner category bound to a category of a remote Odoo database."""

    _name = "example.odoo.res.partner.category"
    _inherit = "example.odoo.binding"
    _inherits = {"res.partner.category": "odoo_id"}
    _description = "Example Odoo Partner Category"

    odoo_id = fields.Many2one(
        "res.partner.category",
        string="Partner Tag",
        required=True,
        ondelete="cascade",
        index=True,
    )

    @api.model
    def check_remote_deletions(self, backend):
        """Job: delete the bindings of ``backend`` whose remote category is
        gone (see :class:`~.units.deleter.DeletionChecker`).

        :return: the checker's message
        """
        return self._connector_unit(backend, DeletionChecker).run()


class ResPartnerCategory(models.Model):
    """The category's bindings."""

    _inherit = "res.partner.category"

    example_odoo_bind_ids = fields.One2many(
        CATEGORY_BINDING,
        "odoo_id",
        string="Example Odoo Bindings",
        groups="connector.group_connector_manager",
    )
