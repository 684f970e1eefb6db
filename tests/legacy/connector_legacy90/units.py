# -*- coding: utf-8 -*-
"""The connector units of the legacy 9.0 backend."""
import json
import logging
import urllib2

from openerp.addons.connector.checkpoint import checkpoint
from openerp.addons.connector.connector import Binder
from openerp.addons.connector.exception import (IDMissingInBackend,
                                                NetworkRetryableError)
from openerp.addons.connector.unit.backend_adapter import CRUDAdapter
from openerp.addons.connector.unit.mapper import (ImportMapper, ExportMapper,
                                                  mapping, backend_to_m2o,
                                                  m2o_to_backend)
from openerp.addons.connector.unit.synchronizer import Importer, Exporter

from .backend import legacy90

_logger = logging.getLogger(__name__)


class Legacy90Client(object):
    """JSON over HTTP to the remote system."""

    def __init__(self, location):
        self.location = location.rstrip('/')

    def call(self, method, path, data=None):
        url = '%s/%s' % (self.location, path)
        body = json.dumps(data).encode('utf-8') if data is not None else None
        request = urllib2.Request(url, data=body)
        request.get_method = lambda: method
        request.add_header('Content-Type', 'application/json')
        try:
            response = urllib2.urlopen(request, timeout=10)
        except urllib2.HTTPError, err:
            if err.code == 404:
                raise IDMissingInBackend('%s not found on %s'
                                         % (path, self.location))
            if err.code >= 500:
                raise NetworkRetryableError('%s answered %s' % (url, err.code))
            raise
        except urllib2.URLError, err:
            raise NetworkRetryableError('%s: %s' % (url, err.reason))
        content = response.read()
        return json.loads(content) if content else None


class Legacy90Adapter(CRUDAdapter):
    _model_name = None
    _collection = None

    def __init__(self, connector_env):
        super(Legacy90Adapter, self).__init__(connector_env)
        self.client = Legacy90Client(self.backend_record.location)

    def search(self, filters=None):
        query = '&'.join('%s=%s' % (key, value)
                         for key, value in (filters or {}).iteritems())
        path = self._collection + ('?' + query if query else '')
        return self.client.call('GET', path)['ids']

    def read(self, external_id):
        return self.client.call('GET', '%s/%s' % (self._collection,
                                                  external_id))

    def create(self, data):
        return self.client.call('POST', self._collection, data)['id']

    def write(self, external_id, data):
        return self.client.call('PUT', '%s/%s' % (self._collection,
                                                  external_id), data)


@legacy90
class PartnerAdapter(Legacy90Adapter):
    _model_name = 'legacy90.res.partner'
    _collection = 'partners'


@legacy90
class TitleAdapter(Legacy90Adapter):
    _model_name = 'legacy90.res.partner.title'
    _collection = 'titles'


@legacy90
class Legacy90Binder(Binder):
    _model_name = ['legacy90.res.partner', 'legacy90.res.partner.title']
    _external_field = 'legacy90_id'
    _openerp_field = 'openerp_id'


@legacy90
class TitleImportMapper(ImportMapper):
    _model_name = 'legacy90.res.partner.title'
    direct = [('name', 'name')]

    @mapping
    def backend_id(self, record):
        return {'backend_id': self.backend_record.id}


@legacy90
class PartnerImportMapper(ImportMapper):
    _model_name = 'legacy90.res.partner'
    direct = [
        ('name', 'name'),
        ('email', 'email'),
        (backend_to_m2o('title', binding='legacy90.res.partner.title'),
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


@legacy90
class PartnerExportMapper(ExportMapper):
    _model_name = 'legacy90.res.partner'
    direct = [
        ('name', 'name'),
        ('email', 'email'),
        (m2o_to_backend('title', binding='legacy90.res.partner.title'),
         'title'),
    ]


@legacy90
class TitleImporter(Importer):
    _model_name = ['legacy90.res.partner.title']

    def run(self, legacy90_id):
        record = self.backend_adapter.read(legacy90_id)
        values = self.mapper.map_record(record).values(for_create=True)
        binding = self.binder.to_openerp(legacy90_id)
        if binding:
            binding.write(values)
        else:
            binding = self.model.create(values)
        self.binder.bind(legacy90_id, binding.id)
        return binding.id


@legacy90
class PartnerImporter(Importer):
    _model_name = ['legacy90.res.partner']

    def _import_dependencies(self, record):
        title_id = record.get('title')
        if not title_id:
            return
        binder = self.binder_for('legacy90.res.partner.title')
        if not binder.to_openerp(title_id):
            importer = self.unit_for(TitleImporter,
                                     model='legacy90.res.partner.title')
            importer.run(title_id)

    def run(self, legacy90_id):
        record = self.backend_adapter.read(legacy90_id)
        self._import_dependencies(record)
        map_record = self.mapper.map_record(record)
        binding = self.binder.to_openerp(legacy90_id)
        if binding:
            values = map_record.values()
            binding.with_context(connector_no_export=True).write(values)
        else:
            values = map_record.values(for_create=True)
            model = self.model.with_context(connector_no_export=True)
            binding = model.create(values)
            checkpoint.add_checkpoint(self.session, self.model._name,
                                      binding.id, self.backend_record._name,
                                      self.backend_record.id)
        self.binder.bind(legacy90_id, binding.id)
        _logger.info('partner %s imported as %s', legacy90_id, binding.id)
        return binding.id


@legacy90
class PartnerExporter(Exporter):
    _model_name = ['legacy90.res.partner']

    def run(self, binding_id, fields=None):
        binding = self.model.browse(binding_id)
        map_record = self.mapper.map_record(binding)
        legacy90_id = self.binder.to_backend(binding_id)
        if legacy90_id:
            self.backend_adapter.write(legacy90_id,
                                       map_record.values(fields=fields))
        else:
            values = map_record.values(for_create=True)
            legacy90_id = self.backend_adapter.create(values)
        self.binder.bind(legacy90_id, binding_id)
        # Commit so that the external ID is kept even when something fails
        # later in the job; it also releases the locks.
        self.session.commit()
        return 'exported to %s' % legacy90_id
