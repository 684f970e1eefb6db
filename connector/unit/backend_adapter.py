# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Backend adapters: the one place where a connector talks to its backend.

* :class:`BackendAdapter`: base class of every adapter;
* :class:`CRUDAdapter`: the usual operations (``search``, ``read``,
  ``search_read``, ``create``, ``write``, ``delete``) the generic
  synchronizers of :mod:`~odoo.addons.connector.unit.importer`,
  :mod:`~odoo.addons.connector.unit.exporter` and
  :mod:`~odoo.addons.connector.unit.deleter` call.

A connector subclasses :class:`CRUDAdapter` for its API and registers it on
its backend for the binding models it serves::

    @magento
    class PartnerAdapter(CRUDAdapter):
        _model_name = "magento.res.partner"

        def read(self, external_id, attributes=None):
            return self._call("customer.info", [int(external_id), attributes])

An adapter turns the transport's failures into the connector's exceptions,
so that jobs react the right way:
:class:`~odoo.addons.connector.exception.NetworkRetryableError` for a
network failure (the job is retried later),
:class:`~odoo.addons.connector.exception.IDMissingInBackend` for a record
that does not exist, :class:`~odoo.addons.connector.exception.InvalidDataError`
for data the backend refuses.
"""

from ..connector import ConnectorUnit

__all__ = ["BackendAdapter", "CRUDAdapter"]


class BackendAdapter(ConnectorUnit):
    """Base class of the adapters of a backend (see the module
    documentation). The synchronizers find it with
    ``unit_for(BackendAdapter)`` (their ``_base_backend_adapter``)."""

    _model_name = None


class CRUDAdapter(BackendAdapter):
    """An adapter with create, read, update, delete and search operations.

    Each method raises ``NotImplementedError`` until the connector's adapter
    implements it. The signatures are free (``*args, **kwargs``); the generic
    synchronizers call them as:

    * ``search(filters=None)`` → list of external ids;
    * ``read(external_id)`` → the external record (a dict);
    * ``create(data)`` → the new external id (through :meth:`create_once`,
      which an adapter overrides to make creations idempotent);
    * ``write(external_id, data)``;
    * ``delete(external_id)``.
    """

    _model_name = None

    # these are the backend's operations, not the ORM methods of the same names
    # pylint: disable=method-required-super

    def _not_implemented(self, method):
        return NotImplementedError(
            f"{type(self).__name__}.{method}() is not implemented: the adapter "
            f"of {self.model._name} for {self.backend} must implement it"
        )

    def search(self, *args, **kwargs):
        """The external ids of the backend's records matching the filters
        given (a list)."""
        raise self._not_implemented("search")

    def read(self, *args, **kwargs):
        """The data of one external record, as the backend gives it."""
        raise self._not_implemented("read")

    def search_read(self, *args, **kwargs):
        """The data of the backend's records matching the filters given."""
        raise self._not_implemented("search_read")

    def create(self, *args, **kwargs):
        """Send a new record to the backend; returns the external id the
        backend gave it."""
        raise self._not_implemented("create")

    def create_once(self, data, creation_key):
        """Send a new record to the backend unless a try of the same export
        already did (same ``creation_key``); return its external id (that of
        the record created before, when one has this key).

        :class:`~odoo.addons.connector.unit.exporter.RecordExporter`
        creates records through it, with a key that is the same for every
        try of the export of a record. A job that dies after the backend
        created the record, before its own transaction committed the
        external id, is retried: the retry finds the record instead of
        creating a second one.

        The default calls ``create(data)`` and is **not** idempotent.
        Override it where the backend can attach the key to the record in
        the creation itself (an external id, an idempotency key header, a
        unique reference field) and find it again, e.g.::

            def create_once(self, data, creation_key):
                found = self._call("search", [("ref", "=", creation_key)])
                if found:
                    return str(found[0])
                return self.create(dict(data, ref=creation_key))

        (a search then a create is idempotent only when nothing else creates
        records with that key meanwhile: the export's lock ensures it).

        :param data: the values of the record
        :param creation_key: a text of letters, digits and ``_``, unique per
            database, model and record exported
        """
        return self.create(data)

    def write(self, *args, **kwargs):
        """Send new values of an existing external record to the backend."""
        raise self._not_implemented("write")

    def delete(self, *args, **kwargs):
        """Remove an external record from the backend."""
        raise self._not_implemented("delete")
