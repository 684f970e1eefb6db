# -*- coding: utf-8 -*-
"""Tests of the legacy 10.0 connector, written as 10.0 tests were: jobs are
model methods, called directly or delayed with with_delay(). The remote
system is a real HTTP server on 127.0.0.1 (tests/remote_server.py)."""
import os
import subprocess
import sys

import requests

from odoo.tests import common
from odoo.addons.connector.connector import Binder, ConnectorEnvironment
from odoo.addons.connector.exception import NetworkRetryableError
from odoo.addons.connector.unit.mapper import ImportMapper

SERVER = os.path.join(os.path.dirname(__file__), 'remote_server.py')
PARTNER_MODEL = 'legacy100.res.partner'
TITLE_MODEL = 'legacy100.res.partner.title'


class RemoteServer(object):
    """The remote system: tests/remote_server.py in a process of its own."""

    def __init__(self):
        self.process = subprocess.Popen([sys.executable, SERVER],
                                        stdout=subprocess.PIPE)
        port = int(self.process.stdout.readline())
        self.url = 'http://127.0.0.1:%d' % port

    def post(self, path, data):
        requests.post(self.url + path, json=data, timeout=10).raise_for_status()

    def get(self, path):
        return requests.get(self.url + path, timeout=10).json()

    def stop(self):
        self.process.terminate()
        self.process.wait()
        self.process.stdout.close()


@common.at_install(False)
@common.post_install(True)
class TestLegacy100(common.TransactionCase):
    """Run after the installation: the options of the job methods (channel,
    related action) are registered once the registry is loaded."""

    def setUp(self):
        super(TestLegacy100, self).setUp()
        self.remote = RemoteServer()
        self.addCleanup(self.remote.stop)
        self.backend = self.env['legacy100.backend'].create(
            {'name': 'Remote 10.0', 'location': self.remote.url + '/'})
        self.remote.post('/_admin/records/titles', {'id': '7', 'name': u'Madam'})
        self.remote.post('/_admin/records/partners', {
            'id': '1', 'name': u'Ada', 'email': 'ada@example.com',
            'title': '7', 'tags': ['vip', u'\xe9t\xe9'],
        })
        self.remote.post('/_admin/records/partners', {
            'id': '2', 'name': u'Grace', 'email': 'grace@example.com',
        })
        self.partners = self.env[PARTNER_MODEL]

    def _new_jobs(self, since_ids):
        return self.env['queue.job'].search([('id', 'not in', since_ids)])

    def _import_ada(self):
        return self.partners.browse(
            self.partners.import_record(self.backend, '1'))

    def test_create_strips_location(self):
        self.assertEqual(self.backend.location, self.remote.url)

    def test_import_record_called_directly(self):
        binding = self._import_ada()
        self.assertEqual(binding.name, 'Ada')
        self.assertEqual(binding.ref, u'vip, \xe9t\xe9')
        self.assertEqual(binding.external_id, '1')
        title = self.env[TITLE_MODEL].search([('external_id', '=', '7')])
        self.assertEqual(binding.title, title.odoo_id)
        self.assertTrue(binding.sync_date)

    def test_binder(self):
        binding = self._import_ada()
        binder = ConnectorEnvironment(
            self.backend, PARTNER_MODEL).get_connector_unit(Binder)
        self.assertEqual(binder.to_internal('1'), binding)
        self.assertEqual(binder.to_internal('1', unwrap=True), binding.odoo_id)
        self.assertEqual(binder.to_external(binding), '1')
        self.assertEqual(binder.to_external(binding.odoo_id, wrap=True), '1')
        self.assertEqual(binder.unwrap_binding(binding), binding.odoo_id)
        self.assertEqual(binder.unwrap_model(), 'res.partner')

    def test_mapper_external_to_m2o(self):
        self._import_ada()
        mapper = ConnectorEnvironment(
            self.backend, PARTNER_MODEL).get_connector_unit(ImportMapper)
        values = mapper.map_record({'name': 'Lin', 'title': '7'}).values(
            for_create=True)
        title = self.env[TITLE_MODEL].search([('external_id', '=', '7')])
        self.assertEqual(values['title'], title.odoo_id.id)

    def test_import_batch_delays_a_job_per_record(self):
        before = self.env['queue.job'].search([]).ids
        self.partners.import_batch(self.backend)
        jobs = self._new_jobs(before)
        self.assertEqual(len(jobs), 2)
        self.assertEqual(set(jobs.mapped('method_name')),
                         set(['import_record']))
        self.assertEqual(set(jobs.mapped('priority')), set([5]))
        self.assertEqual(set(jobs.mapped('channel')), set(['root.legacy100']))

    def test_button_delays_import_batch(self):
        before = self.env['queue.job'].search([]).ids
        self.backend.import_partners()
        jobs = self._new_jobs(before)
        self.assertEqual(jobs.method_name, 'import_batch')

    def test_write_delays_an_export(self):
        binding = self._import_ada()
        before = self.env['queue.job'].search([]).ids
        binding.odoo_id.write({'name': 'Ada Lovelace'})
        jobs = self._new_jobs(before)
        self.assertEqual(len(jobs), 1)
        self.assertEqual(jobs.method_name, 'export_record')
        self.assertEqual(jobs.priority, 20)
        binding.export_record(fields=['name'])
        self.assertEqual(self.remote.get('/partners/1')['name'],
                         'Ada Lovelace')

    def test_export_new_record(self):
        self._import_ada()
        title = self.env[TITLE_MODEL].search([('external_id', '=', '7')])
        binding = self.partners.create({
            'name': 'Hedy', 'title': title.odoo_id.id,
            'backend_id': self.backend.id,
        })
        binding.export_record()
        remote = self.remote.get('/partners/%s' % binding.external_id)
        self.assertEqual(remote['name'], 'Hedy')
        self.assertEqual(remote['title'], '7')

    def test_remote_failure_is_retryable(self):
        self.remote.post('/_admin/faults', {'path': '/partners/1'})
        with self.assertRaises(NetworkRetryableError):
            self.partners.import_record(self.backend, '1')
        self.assertTrue(self._import_ada())

    def test_related_action_unwrap_binding(self):
        binding = self._import_ada()
        job = binding.with_delay().export_record()
        record = self.env['queue.job'].search([('uuid', '=', job.uuid)])
        action = record.open_related_action()
        self.assertEqual(action['res_model'], 'res.partner')
        self.assertEqual(action['res_id'], binding.odoo_id.id)

    def test_related_action_with_arguments(self):
        job = self.partners.with_delay().import_record(self.backend, '2')
        record = self.env['queue.job'].search([('uuid', '=', job.uuid)])
        action = record.open_related_action()
        self.assertEqual(action['url'], self.remote.url + '/partners/2')
