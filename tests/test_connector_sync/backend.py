# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The backends of the sync test connector: a generic one and its version 1."""

from odoo.addons.connector.backend import Backend

sync_backend = Backend("test_connector_sync")
sync_backend_1 = Backend(parent=sync_backend, version="1")
