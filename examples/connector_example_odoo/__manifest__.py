# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
{
    "name": "Connector Example: another Odoo",
    "summary": "A complete connector on the legacy ConnectorUnit API: partners and "
    "categories synchronized with another Odoo database over XML-RPC, by queue jobs",
    "version": "18.0.1.0.0",
    "author": "Connector for Odoo 18 contributors",
    "website": "https://github.com/odoo-connector-legacy/connector",
    "license": "LGPL-3",
    "category": "Connector",
    "depends": ["connector"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "security/ir.model.access.csv",
        "security/example_odoo_security.xml",
        "data/queue_job_function_data.xml",
        "views/example_odoo_binding_views.xml",
        "views/example_odoo_backend_views.xml",
        "views/connector_example_odoo_menu.xml",
    ],
    "installable": True,
}
