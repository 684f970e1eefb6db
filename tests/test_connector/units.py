# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The units of the test connector."""

from odoo.addons.connector.connector import Binder

from .backend import test_backend


@test_backend
class ConnectorTestBinder(Binder):
    """The default binder, for the 10.0-style test binding (``odoo_id``)."""

    _model_name = ["connector.test.binding", "no.inherits.binding"]


@test_backend
class LegacyTestBinder(Binder):
    """A 9.0-style binder: ``openerp_id`` link, integer external ids."""

    _model_name = "connector.test.legacy.binding"
    _openerp_field = "openerp_id"
