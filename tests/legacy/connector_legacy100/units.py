# -*- coding: utf-8 -*-
"""The connector units of the legacy 10.0 backend."""
import logging

import requests

import odoo
from odoo.addons.connector.connector import Binder
from odoo.addons.connector.exception import (IDMissingInBackend,
                                             NetworkRetryableError)
from odoo.addons.connector.unit.backend_adapter import CRUDAdapter
from odoo.addons.connector.unit.mapper import (ImportMapper, ExportMapper,
                                               mapping, external_to_m2o,
                                               m2o_to_external)
from odoo.addons.connector.unit.synchronizer import Importer, Exporter

from .backend import legacy100

_logger = logging.getLogger(__name__)


class Legacy100Adapter(CRUDAdapter):
    _model_name = None
    _collection = None

    def _call(self, method, path, data=None):
        url = '%s/%s' % (self.backend_record.location, path)
        try:
            response = requests.request(method, url, json=data, timeout=10)
        except requests.exceptions.ConnectionError, err:
            raise NetworkRetryableError('%s: %s' % (url, err))
        if response.status_code == 404:
            raise IDMissingInBackend('%s not found' % url)
        if response.status_code >= 500:
            raise NetworkRetryableError('%s answered %s'
                                        % (url, response.status_code))
        response.raise_for_status()
        return response.json() if response.content else None

    def search(self, filters=None):
        params = dict((key, value) for key, value
                      in (filters or {}).iteritems())
        query = '&'.join('%s=%s' % item for item in params.items())
        return self._call('GET', self._collection
                          + ('?' + query if query else ''))['ids']

    def read(self, external_id):
        return self._call('GET', '%s/%s' % (self._collection, external_id))

    def create(self, data):
        return self._call('POST', self._collection, data)['id']

    def write(self, external_id, data):
        return self._call('PUT', '%s/%s' % (self._collection, external_id),
                          data)


@legacy100
class PartnerAdapter(Legacy100Adapter):
    _model_name = 'legacy100.res.partner'
    _collection = 'partners'


@legacy100
class TitleAdapter(Legacy100Adapter):
    _model_name = 'legacy100.res.partner.title'
    _collection = 'titles'


@legacy100
class Legacy100Binder(Binder):
    _model_name = ['legacy100.res.partner', 'legacy100.res.partner.title']
    _odoo_field = 'odoo_id'


@legacy100
class TitleImportMapper(ImportMapper):
    _model_name = 'legacy100.res.partner.title'
    direct = [('name', 'name')]

    @mapping
    def backend_id(self, record):
        return {'backend_id': self.backend_record.id}


@legacy100
class PartnerImportMapper(ImportMapper):
    _model_name = 'legacy100.res.partner'
    direct = [
        ('name', 'name'),
        ('email', 'email'),
        (external_to_m2o('title', binding='legacy100.res.partner.title'),
         'title'),
    ]

    @mapping
    def backend_id(self, record):
        return {'backend_id': self.backend_record.id}

    @mapping
    def ref(self, record):
        tags = record.get('tags') or []
        if isinstance(tags, basestring):
            tags = [tags]
        return {'ref': u', '.join(unicode(tag) for tag in tags) or False}


@legacy100
class PartnerExportMapper(ExportMapper):
    _model_name = 'legacy100.res.partner'
    direct = [
        ('name', 'name'),
        ('email', 'email'),
        (m2o_to_external('title', binding='legacy100.res.partner.title'),
         'title'),
    ]


@legacy100
class TitleImporter(Importer):
    _model_name = ['legacy100.res.partner.title']

    def run(self, external_id):
        record = self.backend_adapter.read(external_id)
        values = self.mapper.map_record(record).values(for_create=True)
        binding = self.binder.to_internal(external_id)
        if binding:
            binding.write(values)
        else:
            binding = self.model.create(values)
        self.binder.bind(external_id, binding)
        return binding


@legacy100
class PartnerImporter(Importer):
    _model_name = ['legacy100.res.partner']

    def _import_dependencies(self, record):
        title_id = record.get('title')
        if not title_id:
            return
        if not self.binder_for('legacy100.res.partner.title').to_internal(
                title_id):
            importer = self.unit_for(TitleImporter,
                                     model='legacy100.res.partner.title')
            importer.run(title_id)

    def run(self, external_id):
        record = self.backend_adapter.read(external_id)
        self._import_dependencies(record)
        map_record = self.mapper.map_record(record)
        binding = self.binder.to_internal(external_id)
        if binding:
            binding.with_context(connector_no_export=True).write(
                map_record.values())
        else:
            binding = self.model.with_context(connector_no_export=True).create(
                map_record.values(for_create=True))
        self.binder.bind(external_id, binding)
        _logger.info('partner %s imported as %s', external_id, binding.id)
        return binding.id


@legacy100
class PartnerExporter(Exporter):
    _model_name = ['legacy100.res.partner']

    def run(self, binding, fields=None):
        map_record = self.mapper.map_record(binding)
        external_id = self.binder.to_external(binding)
        if external_id:
            self.backend_adapter.write(external_id,
                                       map_record.values(fields=fields))
        else:
            values = map_record.values(for_create=True)
            external_id = self.backend_adapter.create(values)
        self.binder.bind(external_id, binding)
        # Commit so that the external ID is kept even when something fails
        # later in the job.
        if not odoo.tools.config['test_enable']:
            self.env.cr.commit()
        return 'exported to %s' % external_id
