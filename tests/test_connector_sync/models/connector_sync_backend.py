# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models


class ConnectorSyncBackend(models.Model):
    _name = "connector.sync.backend"
    _inherit = "connector.backend"
    _description = "Backend of the sync test connector (a remote JSON service)"
    _backend_type = "test_connector_sync"

    version = fields.Selection(selection_add=[("1", "Version 1")])
    location = fields.Char(help="Base URL of the remote JSON service")
