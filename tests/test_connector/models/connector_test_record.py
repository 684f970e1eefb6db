# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import fields, models

from odoo.addons.connector.exception import NothingToDoJob


class ConnectorTestRecord(models.Model):
    _name = "connector.test.record"
    _description = "Record bound by the test bindings"

    name = fields.Char()
    active = fields.Boolean(default=True)
    # multi-company: checkpoints and bindings follow the record's company
    company_id = fields.Many2one("res.company")

    def job_write_name(self, name):
        """A job that writes and succeeds."""
        self.write({"name": name})
        return f"renamed to {name}"

    def job_nothing_to_do(self, message=""):
        """A job that writes, then finds it has nothing to do."""
        self.write({"name": "changed by a job with nothing to do"})
        raise NothingToDoJob(message)
