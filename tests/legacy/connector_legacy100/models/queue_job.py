# -*- coding: utf-8 -*-
from odoo import api, models


class QueueJob(models.Model):
    _inherit = 'queue.job'

    @api.multi
    def related_action_legacy100_remote(self, collection='partners'):
        """Open the remote record of an import job."""
        self.ensure_one()
        backend, external_id = self.args[:2]
        return {
            'type': 'ir.actions.act_url',
            'url': u'%s/%s/%s' % (backend.location, collection, external_id),
            'target': 'new',
        }
