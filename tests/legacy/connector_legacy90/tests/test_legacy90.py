# -*- coding: utf-8 -*-
"""Tests of the legacy 9.0 connector, written as 9.0 tests were: a
TransactionCase, a ConnectorSession, jobs called directly (they run at
once) or delayed with .delay(). The remote system is a real HTTP server
started on 127.0.0.1 (tests/remote_server.py)."""
import json
import os
import subprocess
import sys
import urllib2
from datetime import datetime, timedelta

import openerp.tests.common as common
from openerp.addons.connector.connector import Binder, ConnectorEnvironment
from openerp.addons.connector.exception import NetworkRetryableError
from openerp.addons.connector.session import ConnectorSession
from openerp.addons.connector.unit.mapper import ImportMapper

from ..jobs import export_record, import_batch, import_record

SERVER = os.path.join(os.path.dirname(__file__), 'remote_server.py')
PARTNER_MODEL = 'legacy90.res.partner'


class RemoteServer(object):
    """The remote system: tests/remote_server.py in a process of its own."""

    def __init__(self):
        self.process = subprocess.Popen([sys.executable, SERVER],
                                        stdout=subprocess.PIPE)
        port = int(self.process.stdout.readline())
        self.url = 'http://127.0.0.1:%d' % port

    def post(self, path, data):
        request = urllib2.Request(self.url + path,
                                  data=json.dumps(data).encode('utf-8'))
        request.add_header('Content-Type', 'application/json')
        return urllib2.urlopen(request, timeout=10).read()

    def get(self, path):
        return json.loads(urllib2.urlopen(self.url + path, timeout=10).read())

    def stop(self):
        self.process.terminate()
        self.process.wait()
        self.process.stdout.close()


class TestLegacy90(common.TransactionCase):

    def setUp(self):
        super(TestLegacy90, self).setUp()
        self.remote = RemoteServer()
        self.addCleanup(self.remote.stop)
        self.session = ConnectorSession(self.cr, self.uid,
                                        context=self.env.context)
        self.backend = self.env['legacy90.backend'].create(
            {'name': 'Remote 9.0', 'location': self.remote.url})
        self.remote.post('/_admin/records/titles', {'id': '7', 'name': u'Doctor'})
        self.remote.post('/_admin/records/partners', {
            'id': '1', 'name': u'Ada', 'email': 'ada@example.com',
            'title': '7', 'tags': ['vip', u'\xe9t\xe9'],
        })
        self.remote.post('/_admin/records/partners', {
            'id': '2', 'name': u'Grace', 'email': 'grace@example.com',
            'tags': 'new',
        })

    def _new_jobs(self, since_ids):
        return self.env['queue.job'].search([('id', 'not in', since_ids)])

    def _import_ada(self):
        binding_id = import_record(self.session, PARTNER_MODEL,
                                   self.backend.id, '1')
        return self.env[PARTNER_MODEL].browse(binding_id)

    def test_import_record_called_directly(self):
        """A job function called directly runs at once."""
        binding = self._import_ada()
        self.assertEqual(binding.name, 'Ada')
        self.assertEqual(binding.email, 'ada@example.com')
        self.assertEqual(binding.ref, u'vip, \xe9t\xe9')
        self.assertEqual(binding.legacy90_id, '1')
        title = self.env['legacy90.res.partner.title'].search(
            [('legacy90_id', '=', '7')])
        self.assertEqual(title.name, 'Doctor')
        self.assertEqual(binding.title, title.openerp_id)
        self.assertEqual(self.backend.binding_count, 1)

    def test_import_adds_checkpoint(self):
        binding = self._import_ada()
        checkpoints = self.env['connector.checkpoint'].search(
            [('model_id.model', '=', PARTNER_MODEL),
             ('record_id', '=', binding.id)])
        self.assertEqual(len(checkpoints), 1)
        self.assertEqual(checkpoints.backend_id, self.backend)

    def test_binder(self):
        binding = self._import_ada()
        env = ConnectorEnvironment(self.backend, self.session, PARTNER_MODEL)
        binder = env.get_connector_unit(Binder)
        self.assertEqual(binder.to_openerp('1'), binding)
        self.assertEqual(binder.to_openerp('1', unwrap=True),
                         binding.openerp_id)
        self.assertEqual(binder.to_backend(binding.id), '1')
        self.assertEqual(binder.to_backend(binding.openerp_id.id, wrap=True),
                         '1')
        self.assertEqual(binder.unwrap_binding(binding.id),
                         binding.openerp_id.id)
        self.assertEqual(binder.unwrap_model(), 'res.partner')
        self.assertFalse(binder.to_openerp('999'))

    def test_mapper_backend_to_m2o(self):
        import_record(self.session, PARTNER_MODEL, self.backend.id, '1')
        env = ConnectorEnvironment(self.backend, self.session, PARTNER_MODEL)
        mapper = env.get_connector_unit(ImportMapper)
        record = {'name': 'Lin', 'title': '7', 'tags': 'x'}
        values = mapper.map_record(record).values(for_create=True)
        title = self.env['legacy90.res.partner.title'].search(
            [('legacy90_id', '=', '7')])
        self.assertEqual(values['title'], title.openerp_id.id)
        self.assertEqual(values['backend_id'], self.backend.id)
        self.assertEqual(values['ref'], 'x')

    def test_import_batch_delays_a_job_per_record(self):
        before = self.env['queue.job'].search([]).ids
        import_batch(self.session, PARTNER_MODEL, self.backend.id)
        jobs = self._new_jobs(before)
        self.assertEqual(len(jobs), 2)
        self.assertEqual(set(jobs.mapped('priority')), set([5]))
        self.assertEqual(set(jobs.mapped('channel')), set(['root.legacy90']))

    def test_delay_with_priority_and_eta(self):
        uuid = self.backend.import_partner_later('2', delay_seconds=3600)
        job = self.env['queue.job'].search([('uuid', '=', uuid)])
        self.assertEqual(len(job), 1)
        self.assertEqual(job.priority, 30)
        self.assertGreater(job.eta, datetime.now() + timedelta(minutes=50))

    def test_write_delays_an_export(self):
        binding = self._import_ada()
        before = self.env['queue.job'].search([]).ids
        binding.openerp_id.write({'name': 'Ada Lovelace'})
        jobs = self._new_jobs(before)
        self.assertEqual(len(jobs), 1)
        self.assertEqual(jobs.priority, 20)
        export_record(self.session, PARTNER_MODEL, binding.id,
                      fields=['name'])
        self.assertEqual(self.remote.get('/partners/1')['name'],
                         'Ada Lovelace')

    def test_import_delays_no_export(self):
        before = self.env['queue.job'].search([]).ids
        self._import_ada()
        self.assertFalse(self._new_jobs(before))

    def test_export_new_record(self):
        import_record(self.session, PARTNER_MODEL, self.backend.id, '1')
        title = self.env['legacy90.res.partner.title'].search(
            [('legacy90_id', '=', '7')])
        binding = self.env[PARTNER_MODEL].create({
            'name': 'Hedy', 'email': 'hedy@example.com',
            'title': title.openerp_id.id, 'backend_id': self.backend.id,
        })
        export_record(self.session, PARTNER_MODEL, binding.id)
        self.assertTrue(binding.legacy90_id)
        remote = self.remote.get('/partners/%s' % binding.legacy90_id)
        self.assertEqual(remote['name'], 'Hedy')
        self.assertEqual(remote['title'], '7')

    def test_remote_failure_is_retryable(self):
        self.remote.post('/_admin/faults', {'path': '/partners/1',
                                            'status': 503})
        with self.assertRaises(NetworkRetryableError):
            import_record(self.session, PARTNER_MODEL, self.backend.id, '1')
        self.assertTrue(self._import_ada())

    def test_related_action_unwrap_binding(self):
        binding = self._import_ada()
        uuid = export_record.delay(self.session, PARTNER_MODEL, binding.id)
        job = self.env['queue.job'].search([('uuid', '=', uuid)])
        action = job.open_related_action()
        self.assertEqual(action['res_model'], 'res.partner')
        self.assertEqual(action['res_id'], binding.openerp_id.id)

    def test_related_action_with_arguments(self):
        uuid = import_record.delay(self.session, PARTNER_MODEL,
                                   self.backend.id, '2')
        job = self.env['queue.job'].search([('uuid', '=', uuid)])
        action = job.open_related_action()
        self.assertEqual(action['url'], self.remote.url + '/partners/2')
