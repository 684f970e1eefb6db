# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
{
    "name": "Connector Tests",
    "summary": "Models and units used by the tests of the connector framework",
    "version": "18.0.1.0.0",
    "author": "Connector for Odoo 18 contributors",
    "website": "https://github.com/odoo-connector-legacy/connector",
    "license": "LGPL-3",
    "category": "Hidden/Tests",
    "depends": ["connector"],
    "data": [
        "security/ir.model.access.csv",
        "security/test_connector_security.xml",
        "data/queue_job_function_data.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "test_connector/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
