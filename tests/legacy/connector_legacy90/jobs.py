# -*- coding: utf-8 -*-
"""The jobs of the legacy 9.0 backend: functions delayed with .delay()."""
from openerp.addons.connector.connector import ConnectorEnvironment
from openerp.addons.connector.queue.job import job, related_action
from openerp.addons.connector.related_action import unwrap_binding
from openerp.addons.connector.unit.backend_adapter import BackendAdapter
from openerp.addons.connector.unit.synchronizer import Exporter, Importer


def get_environment(session, model_name, backend_id):
    backend_record = session.env['legacy90.backend'].browse(backend_id)
    return ConnectorEnvironment(backend_record, session, model_name)


def link_to_remote(session, job, collection='partners'):
    """Related action: open the remote record of an import job."""
    backend = session.env['legacy90.backend'].browse(job.args[1])
    return {
        'type': 'ir.actions.act_url',
        'url': '%s/%s/%s' % (backend.location, collection, job.args[2]),
        'target': 'new',
    }


@job(default_channel='root.legacy90')
def import_batch(session, model_name, backend_id, filters=None):
    """Delay an import of every remote partner."""
    env = get_environment(session, model_name, backend_id)
    adapter = env.get_connector_unit(BackendAdapter)
    for external_id in adapter.search(filters):
        import_record.delay(session, model_name, backend_id,
                            unicode(external_id), priority=5)


@job(default_channel='root.legacy90', retry_pattern={1: 1, 5: 10})
@related_action(action=link_to_remote, collection='partners')
def import_record(session, model_name, backend_id, legacy90_id):
    """Import a partner from the remote system."""
    env = get_environment(session, model_name, backend_id)
    importer = env.get_connector_unit(Importer)
    return importer.run(legacy90_id)


@job
@related_action(action=unwrap_binding)
def export_record(session, model_name, binding_id, fields=None):
    """Export a partner to the remote system."""
    binding = session.env[model_name].browse(binding_id)
    env = ConnectorEnvironment(binding.backend_id, session, model_name)
    exporter = env.get_connector_unit(Exporter)
    return exporter.run(binding_id, fields=fields)
