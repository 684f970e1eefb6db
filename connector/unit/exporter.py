# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The generic exporter: :class:`RecordExporter` exports one binding to the
backend (lock, dependencies first, map, create or write on the backend,
bind).

A connector subclasses it with a few class attributes and registers it on
its backend; the ``export_record`` job of every binding model runs it (see
:class:`~odoo.addons.connector.models.external_binding.ExternalBinding`).
It is importable from :mod:`~odoo.addons.connector.unit.synchronizer` too.
"""

import re

from ..exception import MappingError
from .synchronizer import Exporter, describe_binding, export_lock_name

__all__ = ["RecordExporter"]


class RecordExporter(Exporter):
    """Generic export of one binding to the backend.

    ``run(binding, fields=None)``:

    1. does nothing when the context has ``connector_no_export`` (the
       change comes from an import) or the binding no longer exists;
    2. takes the advisory lock of (backend, model, binding id);
    3. exports the dependencies (``_dependencies``) that have no external id
       yet, creating their bindings when missing;
    4. maps the binding (the model's :class:`ExportMapper`), restricted to
       ``fields`` when the record exists on the backend (a record created
       gets all the values), validates the values;
    5. writes them with the adapter's ``write(external_id, data)``, or
       creates the record with ``create(data)`` (which returns the external
       id), then binds the binding (external id and sync date).

    **Exactly once.** Nothing is committed inside the job: when it dies
    after the backend created the record (worker killed, database error,
    timeout), the external id is lost with its transaction and the job is
    retried. Records are therefore created through the adapter's
    ``create_once(data, creation_key)`` with :meth:`_creation_key`, the
    same for every try: an adapter implementing it (see
    :meth:`~odoo.addons.connector.unit.backend_adapter.CRUDAdapter.create_once`)
    finds the record the dead try created instead of creating another.

    .. attribute:: _dependencies

        ``[(relation_field, binding_model), ...]``: relations of the binding
        (many2one or x2many to the normal records) to export first.

    Example::

        @magento
        class PartnerExporter(RecordExporter):
            _model_name = "magento.res.partner"
            _dependencies = [("category_id", "magento.res.partner.category")]
    """

    _dependencies = []
    _lock_retry_seconds = 1

    def __init__(self, connector_env):
        super().__init__(connector_env)
        self.binding = None
        self.external_id = None

    def _lock_name(self):
        """The advisory lock text of the binding exported (see
        :func:`~odoo.addons.connector.unit.synchronizer.export_lock_name`)."""
        return export_lock_name(self.backend_record, self.model._name, self.binding.id)

    def _describe(self):
        """How messages name the binding exported (see
        :func:`~odoo.addons.connector.unit.synchronizer.describe_binding`)."""
        return describe_binding(self.backend_record, self.binding)

    def _has_to_skip(self):
        """Whether the export is skipped: a change made by an import (context
        ``connector_no_export``) is never exported back."""
        return bool(
            self.env.context.get("connector_no_export")
            or self.binding.env.context.get("connector_no_export")
        )

    def _should_import(self):
        """Hook: whether the backend record changed since the last
        synchronization and must be imported instead of overwritten (then
        ``run`` returns without exporting). Default: never."""
        return False

    def _binding_of(self, relation, binding_model, extra_values=None):
        """The binding of ``relation`` (a normal record) for the current
        backend, created when missing."""
        binder = self.binder_for(binding_model)
        if relation._name == binding_model:
            return relation
        binding = (
            binder.model.with_context(active_test=False)
            .search(
                [
                    (binder._link_field, "=", relation.id),
                    (binder._backend_field, "=", self.backend_record.id),
                ],
                limit=1,
            )
            .with_env(binder.model.env)
        )
        if not binding:
            values = {
                binder._backend_field: self.backend_record.id,
                binder._link_field: relation.id,
            }
            values.update(extra_values or {})
            binding = (
                binder.model.with_context(connector_no_export=True)
                .create(values)
                .with_env(binder.model.env)
            )
        return binding

    def _export_dependency(
        self, relation, binding_model, exporter_class=None, binding_extra_vals=None
    ):
        """Export a record the current one depends on, when it has no
        external id yet, with its own exporter.

        :param relation: the related record(s): normal records (their
            bindings are found, or created with ``binding_extra_vals``) or
            bindings of ``binding_model``
        :param binding_model: the binding model of the dependency
        :param exporter_class: exporter class searched for the dependency
            (default: :class:`RecordExporter`)
        :param binding_extra_vals: values of the bindings created
        """
        for record in relation:
            binding = self._binding_of(record, binding_model, binding_extra_vals)
            binder = self.binder_for(binding_model)
            if binder.to_external(binding):
                continue
            exporter = self.unit_for(
                exporter_class or RecordExporter, model=binding_model
            )
            exporter.run(binding)

    def _export_dependencies(self):
        """Export the ``_dependencies`` of :attr:`binding`. Override it for
        dependencies that the declaration cannot express."""
        for relation_field, binding_model in self._dependencies:
            self._export_dependency(self.binding[relation_field], binding_model)

    def _map_data(self):
        """The :class:`~odoo.addons.connector.unit.mapper.MapRecord` of
        :attr:`binding`."""
        return self.mapper.map_record(self.binding)

    def _create_data(self, map_record, fields=None, **kwargs):
        """The values to create the external record with."""
        return map_record.values(for_create=True, fields=fields, **kwargs)

    def _update_data(self, map_record, fields=None, **kwargs):
        """The values to update the external record with."""
        return map_record.values(fields=fields, **kwargs)

    def _validate_create_data(self, data):
        """Hook: check the values before the creation; raise
        :class:`~odoo.addons.connector.exception.InvalidDataError` to refuse
        them."""

    def _validate_update_data(self, data):
        """Hook: check the values before the update; raise
        :class:`~odoo.addons.connector.exception.InvalidDataError` to refuse
        them."""

    def _creation_key(self):
        """The key of the creation of :attr:`binding`'s record on the
        backend: the same for every try of its export, different for every
        database (its ``database.uuid``), binding model, backend and record.
        It names the bound record when the binding has one (a binding
        created by a try that died is created again with another id, its
        record is the same), else the binding."""
        binder = self.binder
        link = binder._link_field
        if link in self.binding._fields and self.binding[link]:
            subject = f"{self.binding[link]._table}_{self.binding[link].id}"
        else:
            subject = f"{self.binding._table}_{self.binding.id}"
        database = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        key = f"{database}_{self.binding._table}_{self.backend_record.id}_{subject}"
        return re.sub(r"[^a-zA-Z0-9_]", "_", key)

    def _create(self, data):
        """Create the external record (once per :meth:`_creation_key`, with
        an adapter that supports it); returns its external id."""
        create_once = getattr(self.backend_adapter, "create_once", None)
        if create_once is None:  # an adapter that is no CRUDAdapter
            return self.backend_adapter.create(data)
        return create_once(data, self._creation_key())

    def _update(self, data):
        """Update the external record."""
        self.backend_adapter.write(self.external_id, data)

    def _after_export(self):
        """Hook called after the export, once the binding is bound."""

    def run(self, binding, fields=None):
        """Export a binding.

        :param binding: the binding record
        :param fields: names of the fields that changed: only the mappings
            depending on them are exported (ignored when the record is
            created on the backend)
        :return: a message saying what was done
        :raise RetryableJobError: when another transaction exports the
            binding (lock taken)
        :raise NetworkRetryableError: on a network failure (from the adapter)
        :raise InvalidDataError: when the values are refused by a
            validation hook or by the backend (from the adapter)
        :raise MappingError: when a value cannot be mapped (e.g. a relation
            not exported): the message names the binding too
        """
        self.binding = binding
        if self._has_to_skip():
            return f"Not exported, the change comes from an import: {self._describe()}"
        if not binding.exists():
            return f"Nothing to export, the record was deleted: {self._describe()}"
        self.advisory_lock_or_retry(
            self._lock_name(), retry_seconds=self._lock_retry_seconds
        )
        self.external_id = self.binder.to_external(binding)
        if not self.external_id:
            fields = None
        if self._should_import():
            return f"Not exported, the backend has newer data: {self._describe()}"
        self._export_dependencies()
        map_record = self._map_data()
        try:
            if self.external_id:
                data = self._update_data(map_record, fields=fields)
            else:
                data = self._create_data(map_record, fields=fields)
        except MappingError as err:
            raise MappingError(f"Cannot map {self._describe()}: {err}") from err
        if self.external_id:
            if not data:
                return f"Nothing to export: {self._describe()}"
            self._validate_update_data(data)
            self._update(data)
        else:
            self._validate_create_data(data)
            self.external_id = self._create(data)
        self.binder.bind(self.external_id, self.binding)
        self._after_export()
        return f"Exported {self._describe()} as external id {self.external_id!r}"
