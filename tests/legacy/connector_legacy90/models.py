# -*- coding: utf-8 -*-
from openerp import api, fields, models
from openerp.addons.connector.session import ConnectorSession

from .jobs import import_batch, import_record


class Legacy90Backend(models.Model):
    _name = 'legacy90.backend'
    _inherit = 'connector.backend'
    _description = 'Legacy 9.0 Backend'
    _backend_type = 'legacy90'

    @api.model
    def select_versions(self):
        return [('1.0', 'Version 1.0')]

    version = fields.Selection(selection='select_versions', required=True,
                               default='1.0')
    location = fields.Char(string='Location', required=True)
    state = fields.Selection([('draft', 'Draft'), ('running', 'Running')],
                             default='draft')
    binding_count = fields.Integer(compute='_compute_binding_count')

    @api.one
    def _compute_binding_count(self):
        bindings = self.env['legacy90.res.partner']
        self.binding_count = bindings.search_count(
            [('backend_id', '=', self.id)])

    @api.multi
    def import_partners(self):
        session = ConnectorSession(self.env.cr, self.env.uid,
                                   context=self.env.context)
        for backend in self:
            import_batch.delay(session, 'legacy90.res.partner', backend.id)
        return True

    @api.multi
    def import_partner_later(self, legacy90_id, delay_seconds=3600):
        self.ensure_one()
        session = ConnectorSession.from_env(self.env)
        return import_record.delay(session, 'legacy90.res.partner', self.id,
                                   legacy90_id, priority=30,
                                   eta=delay_seconds)

    @api.multi
    def start(self):
        self.write({'state': 'running'})


class Legacy90ResPartnerTitle(models.Model):
    _name = 'legacy90.res.partner.title'
    _inherit = 'external.binding'
    _inherits = {'res.partner.title': 'openerp_id'}
    _description = 'Legacy 9.0 Title Binding'

    openerp_id = fields.Many2one('res.partner.title', string='Partner Title',
                                 required=True, ondelete='cascade')
    backend_id = fields.Many2one('legacy90.backend', required=True,
                                 ondelete='restrict')
    legacy90_id = fields.Char(string='ID on the remote', select=True)

    _sql_constraints = [
        ('legacy90_uniq', 'unique(backend_id, legacy90_id)',
         'A binding already exists with the same remote id.'),
    ]


class Legacy90ResPartner(models.Model):
    _name = 'legacy90.res.partner'
    _inherit = 'external.binding'
    _inherits = {'res.partner': 'openerp_id'}
    _description = 'Legacy 9.0 Partner Binding'

    openerp_id = fields.Many2one('res.partner', string='Partner',
                                 required=True, ondelete='cascade')
    backend_id = fields.Many2one('legacy90.backend', required=True,
                                 ondelete='restrict')
    legacy90_id = fields.Char(string='ID on the remote', select=True)

    _sql_constraints = [
        ('legacy90_uniq', 'unique(backend_id, legacy90_id)',
         'A binding already exists with the same remote id.'),
    ]


class ResPartner(models.Model):
    _inherit = 'res.partner'

    legacy90_bind_ids = fields.One2many('legacy90.res.partner', 'openerp_id',
                                        string='Legacy 9.0 Bindings')
