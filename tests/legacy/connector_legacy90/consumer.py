# -*- coding: utf-8 -*-
from openerp.addons.connector.event import on_record_write

from .jobs import export_record


@on_record_write(model_names='res.partner')
def delay_export_partner(session, model_name, record_id, vals):
    """Delay an export of the bindings of a partner when it is edited."""
    if session.context.get('connector_no_export'):
        return
    fields = vals.keys()
    partner = session.env[model_name].browse(record_id)
    for binding in partner.legacy90_bind_ids:
        export_record.delay(session, binding._name, binding.id,
                            fields=fields, priority=20)
