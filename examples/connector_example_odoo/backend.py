# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The backends of the example connector: the service and its versions.

Every unit is registered on :data:`example_odoo`, the service. A backend
record chooses a version (its ``version`` field), whose :class:`Backend`
is a child of the service: a lookup finds the units registered on the
version first, then falls back to the service. So a version only
registers the units that differ:

* :data:`example_odoo_18` (``"18.0"``): an Odoo 18.0 reached over XML-RPC,
  with the service's units only;
* :data:`example_odoo_18_jsonrpc` (``"18.0-jsonrpc"``): the same Odoo 18.0
  reached over JSON-RPC; it registers one unit of its own, the
  :class:`~.units.client.JsonRpcOdooClient`, which takes the place of the
  XML-RPC :class:`~.units.client.OdooClient` for the backends of that
  version.
"""

from odoo.addons.connector.backend import Backend

#: The service: the units every version uses.
example_odoo = Backend("example_odoo")
#: An Odoo 18.0 over XML-RPC.
example_odoo_18 = Backend(parent=example_odoo, version="18.0")
#: An Odoo 18.0 over JSON-RPC (its own client unit).
example_odoo_18_jsonrpc = Backend(parent=example_odoo, version="18.0-jsonrpc")

#: The models of the connector: the backend and the two bindings.
BACKEND_MODEL = "example.odoo.backend"
PARTNER_BINDING = "example.odoo.res.partner"
CATEGORY_BINDING = "example.odoo.res.partner.category"
