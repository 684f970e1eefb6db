# -*- coding: utf-8 -*-
from odoo import api, fields, models
from odoo.addons.queue_job.job import job, related_action
from odoo.addons.connector.connector import ConnectorEnvironment
from odoo.addons.connector.unit.backend_adapter import BackendAdapter
from odoo.addons.connector.unit.synchronizer import Exporter, Importer


class Legacy100Binding(models.AbstractModel):
    _name = 'legacy100.binding'
    _inherit = 'external.binding'
    _description = 'Legacy 10.0 Binding (abstract)'

    backend_id = fields.Many2one('legacy100.backend', required=True,
                                 ondelete='restrict')
    external_id = fields.Char(string='ID on the remote', index=True)

    _sql_constraints = [
        ('legacy100_uniq', 'unique(backend_id, external_id)',
         'A binding already exists with the same remote id.'),
    ]

    @job(default_channel='root.legacy100')
    @api.model
    def import_batch(self, backend, filters=None):
        """Delay an import of every remote record."""
        env = ConnectorEnvironment(backend, self._name)
        adapter = env.get_connector_unit(BackendAdapter)
        for external_id in adapter.search(filters):
            self.with_delay(priority=5).import_record(backend,
                                                      unicode(external_id))

    @job(default_channel='root.legacy100', retry_pattern={1: 1, 5: 10})
    @related_action(action='related_action_legacy100_remote',
                    collection='partners')
    @api.model
    def import_record(self, backend, external_id):
        """Import a record from the remote system."""
        env = ConnectorEnvironment(backend, self._name)
        importer = env.get_connector_unit(Importer)
        return importer.run(external_id)

    @job(default_channel='root.legacy100')
    @related_action(action='related_action_unwrap_binding')
    @api.multi
    def export_record(self, fields=None):
        """Export a record to the remote system."""
        self.ensure_one()
        env = ConnectorEnvironment(self.backend_id, self._name)
        exporter = env.get_connector_unit(Exporter)
        return exporter.run(self, fields=fields)


class Legacy100ResPartnerTitle(models.Model):
    _name = 'legacy100.res.partner.title'
    _inherit = 'legacy100.binding'
    _inherits = {'res.partner.title': 'odoo_id'}
    _description = 'Legacy 10.0 Title Binding'

    odoo_id = fields.Many2one('res.partner.title', string='Partner Title',
                              required=True, ondelete='cascade')


class Legacy100ResPartner(models.Model):
    _name = 'legacy100.res.partner'
    _inherit = 'legacy100.binding'
    _inherits = {'res.partner': 'odoo_id'}
    _description = 'Legacy 10.0 Partner Binding'

    odoo_id = fields.Many2one('res.partner', string='Partner', required=True,
                              ondelete='cascade')


class ResPartner(models.Model):
    _inherit = 'res.partner'

    legacy100_bind_ids = fields.One2many('legacy100.res.partner', 'odoo_id',
                                         string='Legacy 10.0 Bindings')
