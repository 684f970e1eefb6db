# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
{
    "name": "Connector",
    "summary": "The legacy ConnectorUnit framework (backends, binders, mappers, "
    "synchronizers, events, checkpoints) on Odoo 18 and queue_job",
    "version": "18.0.1.0.0",
    "author": "Connector for Odoo 18 contributors",
    "website": "https://github.com/odoo-connector-legacy/connector",
    "license": "LGPL-3",
    "category": "Generic Modules",
    "depends": ["mail", "queue_job"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "security/connector_security.xml",
        "security/ir.model.access.csv",
        "security/connector_checkpoint_security.xml",
        "views/connector_checkpoint_views.xml",
        "wizards/connector_checkpoint_review_views.xml",
        "views/res_config_settings_views.xml",
        "views/res_partner_views.xml",
        "views/connector_menu.xml",
    ],
    "installable": True,
}
