# -*- coding: utf-8 -*-
from odoo.addons.connector.event import on_record_write


@on_record_write(model_names='res.partner')
def delay_export_partner(env, model_name, record_id, vals):
    """Delay an export of the bindings of a partner when it is edited."""
    if env.context.get('connector_no_export'):
        return
    partner = env[model_name].browse(record_id)
    for binding in partner.legacy100_bind_ids:
        binding.with_delay(priority=20).export_record(fields=vals.keys())
