from . import example_odoo_backend
from . import example_odoo_binding
from . import example_odoo_res_partner_category
from . import example_odoo_res_partner
