# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
{
    "name": "Connector Sync Tests",
    "summary": "Bindings, units and a remote JSON service used by the tests of the "
    "connector's unit layer (mappers, synchronizers, backend adapters, jobs)",
    "version": "18.0.1.0.0",
    "author": "Connector for Odoo 18 contributors",
    "website": "https://github.com/odoo-connector-legacy/connector",
    "license": "LGPL-3",
    "category": "Hidden/Tests",
    "depends": ["test_connector"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "security/ir.model.access.csv",
        "data/queue_job_function_data.xml",
    ],
    "installable": True,
}
