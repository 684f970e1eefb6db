# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The consumers of the connector's events: exports.

* a write on a bound partner (on the partner or on its binding) of a field
  the export mapper uses enqueues ``export_record`` for each of its
  bindings, with the changed fields;
* a partner binding created without remote id (a Connector Manager binds
  a partner to a backend on the partner form) enqueues its export, which
  creates the remote partner.

Writes made by the connector itself (imports, binders) carry
``connector_no_export`` and are skipped: imports never bounce back.

The jobs are enqueued with superuser rights: any user editing a partner,
even one who cannot read bindings or backends, triggers them, and the
export needs the backend's password.
"""

from odoo.addons.connector.event import (
    on_record_create,
    on_record_write,
    skip_if_no_connector_export,
)
from odoo.addons.queue_job.job import identity_exact

from .backend import PARTNER_BINDING
from .units.mapper import PartnerExportMapper

__all__ = ["delay_export_partner", "delay_export_new_partner_binding"]

#: The fields whose change is exported.
EXPORTED_FIELDS = frozenset(PartnerExportMapper.changed_by_fields())


@on_record_write(model_names=["res.partner", PARTNER_BINDING])
@skip_if_no_connector_export
def delay_export_partner(env, model_name, record_id, vals):
    """Enqueue the export of the changed fields of a bound partner."""
    fields = sorted(EXPORTED_FIELDS.intersection(vals))
    if not fields:
        return
    bindings = env[PARTNER_BINDING].sudo().with_context(active_test=False)
    if model_name == PARTNER_BINDING:
        bindings = bindings.browse(record_id)
    else:
        bindings = bindings.search([("odoo_id", "=", record_id)])
    for binding in bindings:
        # one job for the same change made twice before it runs
        binding.with_delay(identity_key=identity_exact).export_record(fields=fields)


@on_record_create(model_names=PARTNER_BINDING)
@skip_if_no_connector_export
def delay_export_new_partner_binding(env, model_name, record_id, vals):
    """Enqueue the export of a partner bound here, to create it remotely."""
    binding = env[PARTNER_BINDING].sudo().browse(record_id)
    if not binding.external_id:
        binding.with_delay().export_record()
