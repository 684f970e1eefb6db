# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The backends of the test connector: a generic one and its version 1."""

from odoo.addons.connector.backend import Backend

test_backend = Backend("test_connector")
test_backend_1 = Backend(parent=test_backend, version="1")
