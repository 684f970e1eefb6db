# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import api, models

from ..event import on_record_create, on_record_unlink, on_record_write


class Base(models.AbstractModel):
    """The producers of the connector events, on every model.

    * ``create`` fires :data:`~odoo.addons.connector.event.on_record_create`
      once per created record, with the values given for that record;
    * ``write`` fires :data:`~odoo.addons.connector.event.on_record_write`
      once per written record, with the values of the write;
    * ``unlink`` fires :data:`~odoo.addons.connector.event.on_record_unlink`
      once per record, *before* the deletion, so consumers can still read
      the record.

    Every model of the database goes through these methods: when no
    consumer listens to an event for the model, the only cost is a lookup
    in the event's subscriptions, without any database query.

    As an override of ``base``, they run after the ``create`` or ``write``
    of the model itself (beneath them in the method resolution order): the
    values received are those that reach the ORM.
    """

    _inherit = "base"

    @api.model_create_multi
    def create(self, vals_list):
        """Create the records, then fire ``on_record_create`` for each one
        (when a consumer listens to the model)."""
        records = super().create(vals_list)
        if on_record_create.has_consumer_for(self.env, self._name):
            for record, vals in zip(records, vals_list, strict=True):
                on_record_create.fire(self.env, self._name, record.id, vals)
        return records

    def write(self, vals):
        """Write, then fire ``on_record_write`` for each record (when a
        consumer listens to the model)."""
        result = super().write(vals)
        if on_record_write.has_consumer_for(self.env, self._name):
            for record_id in self.ids:
                on_record_write.fire(self.env, self._name, record_id, vals)
        return result

    def unlink(self):
        """Fire ``on_record_unlink`` for each record (when a consumer
        listens to the model) while they still exist, then delete them."""
        if on_record_unlink.has_consumer_for(self.env, self._name):
            for record_id in self.ids:
                on_record_unlink.fire(self.env, self._name, record_id)
        return super().unlink()
