# -*- coding: utf-8 -*-
from odoo import api, fields, models


class Legacy100Backend(models.Model):
    _name = 'legacy100.backend'
    _inherit = 'connector.backend'
    _description = 'Legacy 10.0 Backend'
    _backend_type = 'legacy100'

    @api.model
    def select_versions(self):
        return [('2.0', 'Version 2.0')]

    version = fields.Selection(selection='select_versions', required=True,
                               default='2.0')
    location = fields.Char(required=True)
    state = fields.Selection([('draft', 'Draft'), ('running', 'Running')],
                             default='draft')

    @api.model
    def create(self, vals):
        if vals.get('location'):
            vals['location'] = vals['location'].rstrip('/')
        return super(Legacy100Backend, self).create(vals)

    @api.multi
    def import_partners(self):
        for backend in self:
            partners = self.env['legacy100.res.partner']
            partners.with_delay(priority=5).import_batch(backend)
        return True

    @api.multi
    def start(self):
        self.write({'state': 'running'})
