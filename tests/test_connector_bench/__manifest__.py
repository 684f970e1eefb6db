# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
{
    "name": "Connector Benchmark Models",
    "summary": "Binding models and units measured by `make bench`, with the "
    "query-count tests that keep the pipeline's cost from regressing",
    "version": "18.0.1.0.0",
    "author": "Connector for Odoo 18 contributors",
    "website": "https://github.com/odoo-connector-legacy/connector",
    "license": "LGPL-3",
    "category": "Hidden/Tests",
    "depends": ["connector"],
    "data": [
        "security/ir.model.access.csv",
        "data/queue_job_function_data.xml",
    ],
    "installable": True,
}
