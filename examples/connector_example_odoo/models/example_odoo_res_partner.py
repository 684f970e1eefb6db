# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import api, fields, models

from ..backend import PARTNER_BINDING
from ..units.deleter import DeletionChecker


class ExampleOdooResPartner(models.Model):
    """A partner bound to a partner of a remote Odoo database.

    The binding ``_inherits`` the partner: reading or writing the partner's
    fields on the binding reads or writes the partner. The jobs of
    ``external.binding`` (``import_record``, ``import_batch``,
    ``export_record``) run the units registered on the backend for this
    model; :meth:`check_remote_deletions` is the connector's own job.
    """

    _name = "example.odoo.res.partner"
    _inherit = "example.odoo.binding"
    _inherits = {"res.partner": "odoo_id"}
    _description = "Example Odoo Partner"

    odoo_id = fields.Many2one(
        "res.partner",
        string="Partner",
        required=True,
        ondelete="cascade",
        index=True,
    )

    @api.model
    def check_remote_deletions(self, backend):
        """Job: delete the bindings of ``backend`` whose remote partner is
        gone, archiving their partners (see
        :class:`~.units.deleter.DeletionChecker`).

        :return: the checker's message
        """
        return self._connector_unit(backend, DeletionChecker).run()


class ResPartner(models.Model):
    """The partner's bindings, shown on its form to Connector Managers."""

    _inherit = "res.partner"

    example_odoo_bind_ids = fields.One2many(
        PARTNER_BINDING,
        "odoo_id",
        string="Example Odoo Bindings",
        groups="connector.group_connector_manager",
    )
