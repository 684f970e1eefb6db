# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Synchronizers: the units that import, export and delete records.

The 9.0 shells, to subclass for a synchronization written by hand:

* :class:`Synchronizer`: base class, with the lazily found :attr:`binder`,
  :attr:`mapper` and :attr:`backend_adapter` of its model;
* :class:`Importer`, :class:`Exporter`, :class:`Deleter`.

The texts every synchronizer shares, so that two units (of the framework or
of a connector) that must exclude each other take the same advisory lock and
name a record the same way:

* :func:`import_lock_name`, :func:`export_lock_name`,
  :func:`delete_lock_name`: the lock texts of one record;
* :func:`describe_backend`, :func:`describe_external_id`,
  :func:`describe_binding`: how messages name a backend and a record.

The generic implementations live in their own modules, built on these
shells: :mod:`~odoo.addons.connector.unit.importer` (``RecordImporter``,
``BulkImporter``, the batch importers), :mod:`~odoo.addons.connector.unit.exporter`
(``RecordExporter``) and :mod:`~odoo.addons.connector.unit.deleter`
(``RecordDeleter``). Existing code imports them from this module too, as
it did when they lived here: ``from odoo.addons.connector.unit.synchronizer
import RecordImporter`` still works. Those names are resolved when they are
first asked for (a module ``__getattr__``), so that the modules above import
this one and never the reverse.

None of the synchronizers commits: queue_job 18.0 refuses commits inside
jobs. A job's work is kept when the job ends, and discarded entirely when it
fails.
"""

import importlib

from ..connector import Binder, ConnectorUnit
from .backend_adapter import BackendAdapter
from .mapper import ExportMapper, ImportMapper, Mapper

__all__ = [
    "Synchronizer",
    "Importer",
    "Exporter",
    "Deleter",
    "import_lock_name",
    "export_lock_name",
    "delete_lock_name",
    "describe_backend",
    "describe_external_id",
    "describe_binding",
]

# The generic synchronizers that lived in this module, by the module that
# now holds them: ``from .synchronizer import RecordImporter`` keeps working.
_MOVED = {
    "importer": (
        "RecordImporter",
        "BulkImporter",
        "BatchImporter",
        "DirectBatchImporter",
        "DelayedBatchImporter",
        "parse_update_date",
        "external_version",
    ),
    "_importing": ("_parse_update_date",),
    "exporter": ("RecordExporter",),
    "deleter": ("RecordDeleter",),
}
_MOVED_TO = {name: module for module, names in _MOVED.items() for name in names}


def __getattr__(name):
    """The generic synchronizers and helpers moved to
    :mod:`~odoo.addons.connector.unit.importer`,
    :mod:`~odoo.addons.connector.unit.exporter` and
    :mod:`~odoo.addons.connector.unit.deleter`, under their former path.

    :raise AttributeError: for any other name
    """
    module = _MOVED_TO.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__package__}.{module}"), name)


class Synchronizer(ConnectorUnit):
    """The base of every unit that moves records between Odoo and a backend.

    It reaches the other units of its model through three properties, each
    looked up the first time it is read and kept for the unit's life (a
    synchronizer that never maps needs no mapper registered):

    * :attr:`binder`, a ``_base_binder``;
    * :attr:`mapper`, a ``_base_mapper``;
    * :attr:`backend_adapter`, a ``_base_backend_adapter``.

    A subclass narrows what is looked up by changing these three class
    attributes (:class:`Importer` asks for an ``ImportMapper``).
    """

    _model_name = None
    _base_mapper = Mapper
    _base_backend_adapter = BackendAdapter
    _base_binder = Binder

    def __init__(self, connector_env):
        """
        :param connector_env: the environment the unit works in (backend,
            Odoo environment, model), a
            :class:`~odoo.addons.connector.connector.ConnectorEnvironment`
        """
        super().__init__(connector_env)
        # the units of the properties below, None until first read
        self._binder = self._mapper = self._backend_adapter = None

    def run(self, *args, **kwargs):
        """Do the synchronization; every concrete synchronizer defines it."""
        raise NotImplementedError(f"{type(self).__name__} must implement run()")

    def _kept_unit(self, slot, unit_class):
        """The unit kept in the attribute ``slot``, looked up as a
        ``unit_class`` on first use."""
        if getattr(self, slot) is None:
            setattr(self, slot, self.unit_for(unit_class))
        return getattr(self, slot)

    @property
    def mapper(self):
        """The model's mapper: the unit registered for it that is a
        ``_base_mapper``.

        :raise NoConnectorUnitError: when the backend has none
        """
        return self._kept_unit("_mapper", self._base_mapper)

    @property
    def binder(self):
        """The model's binder: the unit registered for it that is a
        ``_base_binder``.

        :raise NoConnectorUnitError: when the backend has none
        """
        return self._kept_unit("_binder", self._base_binder)

    @property
    def backend_adapter(self):
        """The model's backend adapter: the unit registered for it that is
        a ``_base_backend_adapter``.

        :raise NoConnectorUnitError: when the backend has none
        """
        return self._kept_unit("_backend_adapter", self._base_backend_adapter)


class Exporter(Synchronizer):
    """The base of the units that send Odoo records to the backend; its
    :attr:`mapper` is an
    :class:`~odoo.addons.connector.unit.mapper.ExportMapper`."""

    _base_mapper = ExportMapper


class Importer(Synchronizer):
    """The base of the units that bring the backend's records into Odoo; its
    :attr:`mapper` is an
    :class:`~odoo.addons.connector.unit.mapper.ImportMapper`."""

    _base_mapper = ImportMapper


class Deleter(Synchronizer):
    """The base of the units that remove records from the backend."""


def describe_backend(backend_record):
    """How messages name a backend record: ``model(id) 'name'``, e.g.
    ``magento.backend(1) 'Shop'``."""
    return f"{backend_record._name}({backend_record.id}) {backend_record.name!r}"


def describe_external_id(backend_record, model_name, external_id):
    """How messages name an external record: its external id, its binding
    model and its backend, e.g. ``external id '42' of magento.res.partner
    (backend magento.backend(1) 'Shop')``."""
    return (
        f"external id {external_id!r} of {model_name} "
        f"(backend {describe_backend(backend_record)})"
    )


def describe_binding(backend_record, binding):
    """How messages name a binding: ``model(id)`` and its backend, e.g.
    ``magento.res.partner(7) (backend magento.backend(1) 'Shop')``."""
    return f"{binding._name}({binding.id}) (backend {describe_backend(backend_record)})"


def _lock_text(action, backend_record, model_name, subject):
    backend = f"{backend_record._name}, {backend_record.id}"
    return f"{action}({backend}, {model_name}, {subject})"


def import_lock_name(backend_record, model_name, external_id):
    """The advisory lock text of the import of one external record, e.g.
    ``import_record(magento.backend, 1, magento.res.partner, 42)``.

    :class:`~odoo.addons.connector.unit.importer.RecordImporter` and
    :class:`~odoo.addons.connector.unit.importer.BulkImporter` take it, so
    that they exclude each other; a unit that must never run beside an
    import of the record (a deleter of its binding, say) takes it too. The
    text is the one imports have always locked: jobs running on older code
    and other connectors derive the same key from it.

    :param backend_record: the backend record
    :param model_name: the binding model
    :param external_id: the external id, as the job received it (``42`` and
        ``"42"`` give the same text)
    """
    return _lock_text("import_record", backend_record, model_name, external_id)


def export_lock_name(backend_record, model_name, binding_id):
    """The advisory lock text of the export of one binding, taken by
    :class:`~odoo.addons.connector.unit.exporter.RecordExporter`, e.g.
    ``export_record(magento.backend, 1, magento.res.partner, 7)``.

    :param binding_id: the id of the binding exported
    """
    return _lock_text("export_record", backend_record, model_name, binding_id)


def delete_lock_name(backend_record, model_name, external_id):
    """The advisory lock text of the deletion of one external record on the
    backend, taken by :class:`~odoo.addons.connector.unit.deleter.RecordDeleter`,
    e.g. ``delete_record(magento.backend, 1, magento.res.partner, 42)``."""
    return _lock_text("delete_record", backend_record, model_name, external_id)
