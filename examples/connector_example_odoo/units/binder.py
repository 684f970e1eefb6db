# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The binder of the example connector."""

from odoo.addons.connector.connector import Binder

from ..backend import CATEGORY_BINDING, PARTNER_BINDING, example_odoo


@example_odoo
class ExampleBinder(Binder):
    """Links partners and categories to their remote ids.

    The bindings follow the framework's defaults (``external_id``,
    ``backend_id``, ``odoo_id``, ``sync_date``), so nothing is overridden:
    the external id of a binding is the id of the record in the remote
    database, kept as a string.
    """

    _model_name = [PARTNER_BINDING, CATEGORY_BINDING]
