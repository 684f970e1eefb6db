# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import _, fields, models

from ..backend import BACKENDS, get_backend
from ..exception import NoBackendError


class ConnectorBackend(models.AbstractModel):
    """The base of the models whose records are the external systems a
    database synchronizes with (one record per shop, per server...).

    A connector's backend model inherits it, names in ``_backend_type`` the
    service of its :class:`~odoo.addons.connector.backend.Backend`, and lists
    the versions it knows in the ``version`` selection::

        class ShopBackend(models.Model):
            _name = "shop.backend"
            _inherit = "connector.backend"
            _description = "Shop Backend"
            _backend_type = "shop"

            version = fields.Selection(selection_add=[("2.0", "Shop 2.0")])

    A record with no version uses the backend registered without version.
    """

    _name = "connector.backend"
    _description = "Connector Backend"
    _backend_type = None

    name = fields.Char(required=True)
    version = fields.Selection(selection=[])

    def get_backend(self):
        """The :class:`~odoo.addons.connector.backend.Backend` whose units
        serve this record: the one of the model's ``_backend_type`` and the
        record's ``version``.

        :raise NoBackendError: (a ``ValueError``) when the model has no
            ``_backend_type`` or no backend is registered for its service and
            version
        """
        self.ensure_one()
        if self._backend_type is None:
            services = sorted({backend.service for backend in BACKENDS.backends})
            raise NoBackendError(
                _(
                    "The backend model %(model)s has no _backend_type (record "
                    "%(record)s): set it to the service name of its Backend, e.g. "
                    '_backend_type = "shop" for Backend("shop") (services '
                    "registered: %(services)s)",
                    model=self._name,
                    record=repr(self),
                    services=", ".join(services) or "none",
                )
            )
        try:
            return get_backend(self._backend_type, self.version)
        except NoBackendError as err:
            raise NoBackendError(
                _(
                    "Backend %(record)s (%(name)s): %(error)s",
                    record=repr(self),
                    name=self.name,
                    error=err,
                )
            ) from err

    def add_checkpoint(self, model=None, record_id=None, message=None):
        """Add a checkpoint on this backend: a record, a message, or both, to
        be reviewed by the Connector Managers::

            backend_record.add_checkpoint(model="res.partner", record_id=7)
            backend_record.add_checkpoint(message="Unknown tax code 'VAT9'")

        :param model: model name of the record to review
        :param record_id: id of the record to review
        :param message: text telling what to review
        :return: the ``connector.checkpoint``, or ``None`` when neither a
            record (``model`` and ``record_id``) nor a message is given
        """
        self.ensure_one()
        checkpoints = self.env["connector.checkpoint"]
        if model and record_id:
            return checkpoints.create_from_name(
                model, record_id, self._name, self.id, message=message
            )
        if message:
            return checkpoints.create_from_message(self._name, self.id, message)
        return None
