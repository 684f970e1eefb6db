# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The generic importers, which a connector subclasses with a few class
attributes and registers on its backend:

* :class:`RecordImporter`: imports one external record (lock, read, skip
  when up to date, dependencies first, map, create or update the binding);
* :class:`BulkImporter`: imports many external records per call, created
  with one ``create`` (the same locks, skips and dependencies as
  :class:`RecordImporter`);
* :class:`BatchImporter`, with :class:`DirectBatchImporter` (imports in the
  same transaction) and :class:`DelayedBatchImporter` (one queue_job job per
  record, or one bulk job per chunk);
* :func:`parse_update_date` and :func:`external_version`: what tells
  whether a binding is up to date.

Example, for a backend ``magento`` with a binding ``magento.res.partner``::

    @magento
    class PartnerImporter(RecordImporter):
        _model_name = "magento.res.partner"
        _dependencies = [("magento.res.partner.category", "group_id")]

    @magento
    class PartnerBatchImporter(DelayedBatchImporter):
        _model_name = "magento.res.partner"

The jobs running them are methods of every binding model (``import_record``,
``import_batch``, ``import_chunk``, see
:class:`~odoo.addons.connector.models.external_binding.ExternalBinding`).
Every name here is importable from
:mod:`~odoo.addons.connector.unit.synchronizer` too.
"""

import logging

import psycopg2

from odoo import fields
from odoo.exceptions import ValidationError

from odoo.addons.queue_job.job import identity_exact

from ..connector import (
    _LOOKUP_MEMOS,
    Binder,
    _binder_lookup_memo,
    _pg_try_advisory_locks,
)
from ..exception import (
    IDMissingInBackend,
    InvalidDataError,
    MappingError,
    RetryableJobError,
)
from ._importing import (
    _check_mapped_fields,
    _GenericImporter,
    _write_binding,
    external_version,
    parse_update_date,
)
from .synchronizer import (
    Importer,
    describe_backend,
    describe_external_id,
    import_lock_name,
)

_logger = logging.getLogger(__name__)

__all__ = [
    "parse_update_date",
    "external_version",
    "RecordImporter",
    "BulkImporter",
    "BatchImporter",
    "DirectBatchImporter",
    "DelayedBatchImporter",
]


class RecordImporter(_GenericImporter):
    """Generic import of one external record into a binding.

    ``run(external_id, force=False)``:

    1. takes the advisory lock of (backend, model, external id), or raises
       :class:`~odoo.addons.connector.exception.RetryableJobError` when
       another transaction holds it (the job is retried);
    2. reads the record with the backend adapter's ``read(external_id)``;
    3. stops when :meth:`_must_skip` gives a reason, or when the binding
       exists and is up to date (:meth:`_is_uptodate`: the version of the
       record read is the one stored on the binding by the last import),
       unless ``force``;
    4. imports the dependencies (``_dependencies``) not bound yet, each
       under its own lock;
    5. maps the record (the model's :class:`ImportMapper`), validates the
       values (:meth:`_validate_data`), creates the binding or updates it;
    6. returns a message (the job's result); the binding is in
       :attr:`binding`, and :attr:`created` says whether the run created it
       (``_after_import`` reads it).

    The binding is created with its backend, external id and sync date in
    the same ``create`` values, and updated with one ``write`` per
    ``_inherits`` parent plus one on the binding, in the context
    ``connector_no_export`` so that no export is triggered. In a running
    server, the import of a new record without dependencies costs four
    queries (the lock, the binder's lookup, the two inserts), its update
    five (the lock, the lookup, the binding's row, the two updates), the
    import of an unchanged record three.

    .. attribute:: _remote_update_date_key

        Key of the external record holding its last update date, a UTC
        ``"YYYY-MM-DD HH:MM:SS"`` string or a datetime (see
        :meth:`_remote_update_date`). Only used for bindings without a
        version field (see :meth:`_is_uptodate`).

    .. attribute:: _dependencies

        ``[(binding_model, key), ...]``: the external records to import
        before this one, their external ids read from ``key`` of the record
        (one id or a list of ids).

    .. attribute:: _lock_retry_seconds

        Delay before a job that could not take the lock is retried.

    Example::

        @magento
        class PartnerImporter(RecordImporter):
            _model_name = "magento.res.partner"
            _remote_update_date_key = "updated_at"
            _dependencies = [("magento.res.partner.category", "group_id")]

            def _after_import(self, binding):
                self._import_addresses(binding)
    """

    def __init__(self, connector_env):
        super().__init__(connector_env)
        self.external_id = None
        self.external_record = None
        self.binding = None
        self.created = False
        self._sync_date = None
        self._version = None

    def _lock_name(self):
        """The advisory lock text of the record imported (see
        :func:`~odoo.addons.connector.unit.synchronizer.import_lock_name`)."""
        return import_lock_name(self.backend_record, self.model._name, self.external_id)

    def _describe(self):
        """How messages name the record imported (see
        :func:`~odoo.addons.connector.unit.synchronizer.describe_external_id`)."""
        return describe_external_id(
            self.backend_record, self.model._name, self.external_id
        )

    def _get_external_data(self):
        """Read the external record with the adapter."""
        return self.backend_adapter.read(self.external_id)

    def _must_skip(self):
        """Hook: a reason (a string) not to import the record read in
        :attr:`external_record`, or a falsy value to import it."""
        return ""

    def _get_binding(self):
        """The existing binding of the external id (may be empty)."""
        return self.binder.to_internal(self.external_id)

    def _remote_update_date(self):
        """The last update date of :attr:`external_record` (a naive UTC
        datetime), or ``None`` when unknown; see :func:`parse_update_date`
        for the formats understood (override it for others).

        :raise InvalidDataError: when the value is not a date, naming the
            key, the value and the record
        """
        return self._update_date(self.external_record, self._describe())

    def _external_version(self):
        """The version of :attr:`external_record`: by default
        :func:`external_version`, a digest of the data read. Override it to
        return the version or revision the backend gives, if it has one."""
        if self._version is None:
            self._version = external_version(self.external_record)
        return self._version

    def _is_uptodate(self, binding):
        """Whether ``binding`` already holds the external record read.

        It does when the version stored on the binding (the binder's
        ``_version_field``, written by each import) is the version of the
        record just read (:meth:`_external_version`). Only the backend's
        own data is compared, never a date of this server: a change written
        on the backend while an import read the record, or stamped by a
        clock behind or ahead of this one, is imported by the next run.

        Bindings without a version field (a model not inheriting
        ``external.binding``) fall back to the legacy rule: up to date when
        the record's update date is older than the binding's sync date.
        """
        return bool(binding) and self._holds(
            binding, self._external_version, self._remote_update_date
        )

    def _before_import(self):
        """Hook called before the dependencies are imported."""

    def _import_dependency(
        self, external_id, binding_model, importer_class=None, always=False
    ):
        """Import a record the current one depends on, when it is not
        bound yet (or ``always``), with its own importer (and its own lock).

        :param external_id: external id of the dependency (an empty id is
            ignored)
        :param binding_model: binding model of the dependency
        :param importer_class: importer class searched for the dependency
            (default: :class:`RecordImporter`)
        :param always: import it even when already bound; its importer still
            skips it when up to date
        """
        if Binder._is_empty_id(external_id):
            return
        if not always and self.binder_for(binding_model).to_internal(external_id):
            return
        importer = self.unit_for(importer_class or RecordImporter, model=binding_model)
        try:
            importer.run(external_id)
        except IDMissingInBackend as err:
            raise MappingError(
                f"Cannot import {self._describe()}: it refers to external id "
                f"{external_id!r} of {binding_model}, which the backend does not "
                f"have ({err})"
            ) from err

    def _import_dependencies(self):
        """Import the ``_dependencies`` of :attr:`external_record`. Override
        it for dependencies that the declaration cannot express."""
        for binding_model, key in self._dependencies:
            value = self.external_record.get(key)
            values = value if isinstance(value, list | tuple) else [value]
            for external_id in values:
                self._import_dependency(external_id, binding_model)

    def _map_data(self):
        """The :class:`~odoo.addons.connector.unit.mapper.MapRecord` of
        :attr:`external_record`."""
        return self.mapper.map_record(self.external_record)

    def _validate_data(self, data):
        """Hook: check the mapped values before they are written; raise
        :class:`~odoo.addons.connector.exception.InvalidDataError` to refuse
        them (the error is reported with the external id)::

            def _validate_data(self, data):
                if not data.get("email"):
                    raise InvalidDataError("an email is required")
        """

    def _create_data(self, map_record, **kwargs):
        """The values to create the binding with."""
        return map_record.values(for_create=True, **kwargs)

    def _update_data(self, map_record, **kwargs):
        """The values to update the binding with."""
        return map_record.values(**kwargs)

    def _binding_values(self):
        """The binder's fields written with the mapped values: the external
        id (as a string, as the binder stores it), the sync date and the
        version of the record imported."""
        return self._bound_values(
            self.external_id, self._sync_date, self._external_version
        )

    def _create(self, data):
        """Create the binding from the mapped values ``data``, bound in the
        same ``create``.

        :raise MappingError: when ``data`` has values for fields the model
            does not have (the message names the mapper and the fields)
        """
        _check_mapped_fields(self.model, self.mapper, data)
        values = dict(data)
        values.setdefault(self.binder._backend_field, self.backend_record.id)
        values.update(self._binding_values())
        with self._naming_errors(self._describe()):
            binding = self.model.with_context(connector_no_export=True).create(values)
        _logger.debug("%d created from %s", binding.id, self._describe())
        return binding

    def _update(self, binding, data):
        """Update ``binding`` with the mapped values ``data``.

        The values of fields delegated to an ``_inherits`` parent are
        written with one ``write`` on that parent; the binding's own values
        (and the sync date) with one ``write`` on the binding.

        :raise MappingError: when ``data`` has values for fields the model
            does not have (the message names the mapper and the fields)
        """
        _check_mapped_fields(self.model, self.mapper, data)
        _write_binding(binding, data, self._binding_values())
        _logger.debug("%d updated from %s", binding.id, self._describe())

    def _flush_binding(self, binding):
        """Send the pending writes of ``binding`` and of its ``_inherits``
        parents to the database."""
        binding.flush_recordset()
        for link in binding._inherits.values():
            binding[link].flush_recordset()

    def _after_import(self, binding):
        """Hook called at the end of the import with the binding;
        :attr:`created` tells whether this run created it::

            def _after_import(self, binding):
                if self.created:
                    self._import_addresses(binding)
        """

    def run(self, external_id, force=False):
        """Import one external record.

        :param external_id: external id of the record
        :param force: import even when the binding is up to date
        :return: a message saying what was done
        :raise RetryableJobError: when another transaction imports the
            record (lock taken)
        :raise NetworkRetryableError: on a network failure (from the adapter)
        :raise IDMissingInBackend: when the record does not exist (from the
            adapter)
        :raise InvalidDataError: when the mapped values are refused by
            :meth:`_validate_data` or the model's constraints
        :raise MappingError: when a value cannot be mapped (e.g. a relation
            not imported): the message names the external id too
        """
        with _binder_lookup_memo(self.env):
            self.external_id = external_id
            self._version = None
            self.created = False
            self.advisory_lock_or_retry(
                self._lock_name(), retry_seconds=self._lock_retry_seconds
            )
            # taken before the read: a change made on the backend while we
            # import has a later date and is imported next time
            self._sync_date = fields.Datetime.now()
            self.external_record = self._get_external_data()
            reason = self._must_skip()
            if reason:
                return reason
            binding = self._get_binding()
            if not force and self._is_uptodate(binding):
                self.binding = binding
                return f"Already up to date: {self._describe()}"
            self._before_import()
            self._import_dependencies()
            map_record = self._map_data()
            created = self.created = not binding
            with self._naming_errors(self._describe()):
                if binding:
                    data = self._update_data(map_record)
                    self._validate_data(data)
                    self._update(binding, data)
                    # a create is sent at once; the refusals of an update
                    # surface here, with the record named
                    self._flush_binding(binding)
                else:
                    data = self._create_data(map_record)
                    self._validate_data(data)
                    binding = self._create(data)
            self.binding = binding
            self._after_import(binding)
            action = "created" if created else "updated"
            return (
                f"Imported {self._describe()}: {binding._name}({binding.id}) {action}"
            )


class BulkImporter(_GenericImporter):
    """Generic import of many external records per call.

    ``run(external_ids, force=False)`` gives each record the guarantees of
    :class:`RecordImporter` at a lower cost per record:

    1. takes the advisory locks of all the records in one query (the same
       lock texts as :class:`RecordImporter`, so both exclude each other),
       or raises :class:`~odoo.addons.connector.exception.RetryableJobError`
       naming the records another transaction holds;
    2. reads the records (:meth:`_read_records`, by default the adapter's
       ``read`` for each id);
    3. finds their existing bindings in one query, and skips the records
       whose binding is up to date (unless ``force``);
    4. imports the dependencies (``_dependencies``) not bound yet, each with
       its model's :class:`RecordImporter` (and its own lock);
    5. maps every record, creates all the new bindings with one ``create``
       and updates the others (one ``write`` per ``_inherits`` parent and
       one on the binding).

    The same external id given twice is imported once. A record failing
    validation or mapping fails the whole call (the job), naming its
    external id; nothing of the call is kept.

    Attributes as for :class:`RecordImporter`: ``_remote_update_date_key``,
    ``_dependencies``, ``_lock_retry_seconds``, ``_record_importer_class``
    (the importer of the dependencies).

    Example::

        @magento
        class PartnerBulkImporter(BulkImporter):
            _model_name = "magento.res.partner"
            _dependencies = [("magento.res.partner.category", "group_id")]

        # in a job, e.g. one job per page of a search:
        env = ConnectorEnvironment(backend_record, "magento.res.partner")
        env.get_connector_unit(BulkImporter).run(external_ids)
    """

    _record_importer_class = RecordImporter

    def _describe(self, external_id):
        """How messages name the record of ``external_id`` (see
        :func:`~odoo.addons.connector.unit.synchronizer.describe_external_id`)."""
        return describe_external_id(self.backend_record, self.model._name, external_id)

    def _lock_all(self, external_ids):
        """Take the advisory locks of all ``external_ids`` or raise
        RetryableJobError."""
        names = {
            import_lock_name(self.backend_record, self.model._name, external_id): (
                external_id
            )
            for external_id in external_ids
        }
        refused = _pg_try_advisory_locks(self.env, names)
        if refused:
            held = ", ".join(repr(names[name]) for name in refused)
            raise RetryableJobError(
                f"Could not acquire advisory locks of {self.model._name} "
                f"external ids {held} (backend "
                f"{describe_backend(self.backend_record)})",
                seconds=self._lock_retry_seconds,
                ignore_retry=True,
            )

    def _read_records(self, external_ids):
        """The external records of ``external_ids`` (dicts, same order).
        Override it to read them in one call when the backend can."""
        return [self.backend_adapter.read(external_id) for external_id in external_ids]

    def _existing_bindings(self, external_ids):
        """``{external id (str): binding}`` of the records already bound,
        archived included, in one query."""
        binder = self.binder
        bindings = self.model.with_context(active_test=False).search_fetch(
            [
                (binder._external_field, "in", list(external_ids)),
                (binder._backend_field, "=", self.backend_record.id),
            ],
            [
                name
                for name in (
                    binder._external_field,
                    binder._sync_date_field,
                    binder._version_field,
                )
                if name in self.model._fields
            ],
        )
        return {
            binding[binder._external_field]: binding.with_env(self.model.env)
            for binding in bindings
        }

    def _external_version(self, record):
        """The version of ``record`` (see
        :meth:`RecordImporter._external_version`)."""
        return external_version(record)

    def _is_uptodate(self, binding, record):
        """Whether ``binding`` already holds ``record`` (see
        :meth:`RecordImporter._is_uptodate`)."""
        external_field = self.binder._external_field
        return self._holds(
            binding,
            lambda: self._external_version(record),
            lambda: self._update_date(record, self._describe(binding[external_field])),
        )

    def _binding_values(self, external_id, record, sync_date):
        """The binder's fields written with the mapped values of ``record``
        (see :meth:`RecordImporter._binding_values`)."""
        return self._bound_values(
            external_id, sync_date, lambda: self._external_version(record)
        )

    def _import_dependencies(self, records):
        """Import the ``_dependencies`` of ``records`` that are not bound
        yet: one lookup per dependency model, then one import per missing
        record."""
        for binding_model, key in self._dependencies:
            wanted = []
            for record in records:
                value = record.get(key)
                for external_id in (
                    value if isinstance(value, list | tuple) else [value]
                ):
                    if not Binder._is_empty_id(external_id):
                        wanted.append(str(external_id))
            if not wanted:
                continue
            binder = self.binder_for(binding_model)
            fetch = [binder._external_field]
            if binder._link_field in binder.model._fields:
                fetch.append(binder._link_field)
            found = binder.model.with_context(active_test=False).search_fetch(
                [
                    (binder._external_field, "in", wanted),
                    (binder._backend_field, "=", self.backend_record.id),
                ],
                fetch,
            )
            # the mapper resolves these relations next: without a query
            binder._memorize(found)
            bound = set(found.mapped(binder._external_field))
            importer = None
            for external_id in dict.fromkeys(wanted):
                if external_id in bound:
                    continue
                importer = importer or self.unit_for(
                    self._record_importer_class, model=binding_model
                )
                importer.run(external_id)

    def _validate_data(self, data):
        """Hook: check the mapped values of one record (see
        :meth:`RecordImporter._validate_data`)."""

    def _map(self, external_id, record, for_create):
        """The mapped and validated values of ``record``."""
        map_record = self.mapper.map_record(record)
        with self._naming_errors(self._describe(external_id)):
            data = map_record.values(for_create=for_create)
            self._validate_data(data)
            _check_mapped_fields(self.model, self.mapper, data)
        return data

    def _after_bulk_import(self, created, updated):
        """Hook called at the end of :meth:`run` with the bindings created
        and the bindings updated (recordsets)."""

    def _delegate(self, refused, force=False):
        """Hand the records the bulk path refused to their own
        ``import_record`` jobs (queue_job's ``identity_exact`` key: one
        waiting job per record), which import them or fail naming them.

        :param refused: ``{external id: reason}``
        """
        for external_id, reason in refused.items():
            _logger.info(
                "%s goes to its own import job: %s", self._describe(external_id), reason
            )
            self.model.with_delay(identity_key=identity_exact).import_record(
                self.backend_record, external_id, force=force
            )

    def _read_all(self, external_ids, refused):
        """``{external id: record}`` of the records that can be read; with
        ``refused`` (a dict), a record that cannot (gone from the backend,
        invalid) is added there instead of failing the call."""
        if refused is None:
            return dict(
                zip(external_ids, self._read_records(external_ids), strict=True)
            )
        try:
            return dict(
                zip(external_ids, self._read_records(external_ids), strict=True)
            )
        except (IDMissingInBackend, InvalidDataError, ValueError) as err:
            # find which ones, one at a time
            _logger.debug(
                "reading %d records at once failed (%s)", len(external_ids), err
            )
        records = {}
        for external_id in external_ids:
            try:
                records[external_id] = self._read_records([external_id])[0]
            except (IDMissingInBackend, InvalidDataError, ValueError) as err:
                refused[external_id] = str(err)
        return records

    def _values(self, items, for_create, sync_date, refused):
        """The mapped values of ``items`` (``(external id, record, ...)``);
        with ``refused``, a record that cannot be mapped or validated is
        added there instead of failing the call."""
        values = []
        for item in items:
            external_id, record = item[0], item[1]
            try:
                data = self._map(external_id, record, for_create=for_create)
            except (MappingError, InvalidDataError) as err:
                if refused is None:
                    raise
                refused[external_id] = str(err)
                continue
            values.append(
                (item, data, self._binding_values(external_id, record, sync_date))
            )
        return values

    def _write(self, to_create, to_update, sync_date, refused):
        """Create and update the bindings; returns (created, updated)."""
        binder = self.binder
        created = self.model.browse()
        vals_list = []
        creatable = self._values(to_create, True, sync_date, refused)
        for __, data, binding_values in creatable:
            data.setdefault(binder._backend_field, self.backend_record.id)
            data.update(binding_values)
            vals_list.append(data)
        if vals_list:
            ids = [item[0] for item, __, __ in creatable]
            what = (
                f"{self.model._name} external ids {ids} (backend "
                f"{describe_backend(self.backend_record)})"
            )
            with self._naming_errors(what):
                created = self.model.with_context(connector_no_export=True).create(
                    vals_list
                )
        updated = self.model.browse()
        for item, data, binding_values in self._values(
            to_update, False, sync_date, refused
        ):
            _write_binding(item[2], data, binding_values)
            updated |= item[2]
        return created.with_env(self.model.env), updated

    def _import_in_savepoint(self, to_create, to_update, sync_date, refused):
        """:meth:`_import_dependencies` and :meth:`_write` in a savepoint: when
        the database or a dependency refuses them, everything they did is
        undone and every record goes to ``refused`` (its own job will name
        the culprit). Errors to retry (locks taken, network) still fail the
        call, to retry it whole."""
        try:
            with self.env.cr.savepoint():
                self._import_dependencies([item[1] for item in to_create + to_update])
                return self._write(to_create, to_update, sync_date, refused)
        except RetryableJobError:
            raise
        except (
            MappingError,
            InvalidDataError,
            IDMissingInBackend,
            ValidationError,
            psycopg2.Error,
        ) as err:
            # the ORM cache and the lookup memo may hold what was undone
            self.env.invalidate_all(flush=False)
            _LOOKUP_MEMOS.get(self.env.transaction, {}).clear()
            for item in to_create + to_update:
                refused.setdefault(item[0], f"refused with its chunk: {err}")
            return self.model.browse(), self.model.browse()

    def run(self, external_ids, force=False, fallback=False):
        """Import the external records of ``external_ids``.

        :param external_ids: the external ids (duplicates are imported once)
        :param force: import even the records whose binding is up to date
        :param fallback: instead of failing the call, hand each record the
            bulk path refuses (gone from the backend, invalid, not mappable,
            or refused with its chunk by the database) to its own
            ``import_record`` job (:meth:`_delegate`), which imports it or
            fails naming it; the others are imported by this call
        :return: a message with the numbers created, updated, skipped (and
            handed to their own jobs)
        :raise RetryableJobError: when another transaction imports one of
            the records (lock taken), or on a network failure
        :raise InvalidDataError: without ``fallback``, when the values of a
            record are refused; the message names its external id
        :raise MappingError: without ``fallback``, when a record cannot be
            mapped
        """
        with _binder_lookup_memo(self.env):
            external_ids = list(
                dict.fromkeys(str(external_id) for external_id in external_ids)
            )
            if not external_ids:
                return f"No {self.model._name} record to import"
            self._lock_all(external_ids)
            sync_date = fields.Datetime.now()
            refused = {} if fallback else None
            records = self._read_all(external_ids, refused)
            existing = self._existing_bindings(list(records))
            to_create, to_update, skipped = [], [], 0
            for external_id, record in records.items():
                binding = existing.get(external_id)
                if binding and not force and self._is_uptodate(binding, record):
                    skipped += 1
                elif binding:
                    to_update.append((external_id, record, binding))
                else:
                    to_create.append((external_id, record))
            if fallback:
                created, updated = self._import_in_savepoint(
                    to_create, to_update, sync_date, refused
                )
            else:
                self._import_dependencies([item[1] for item in to_create + to_update])
                created, updated = self._write(to_create, to_update, sync_date, None)
            self._after_bulk_import(created, updated)
            message = (
                f"Imported {len(external_ids)} {self.model._name} records from "
                f"{describe_backend(self.backend_record)}: {len(created)} created, "
                f"{len(updated)} updated, {skipped} up to date"
            )
            if refused:
                self._delegate(refused, force=force)
                message += (
                    f", {len(refused)} handed to their own import jobs: "
                    f"{sorted(refused)}"
                )
            return message


class BatchImporter(Importer):
    """Generic import of the records an adapter's ``search(filters)``
    returns, one record at a time with :meth:`_import_record`.

    Subclass :class:`DirectBatchImporter` or :class:`DelayedBatchImporter`
    (one of them per binding model and backend).
    """

    def run(self, filters=None):
        """Search the external ids with the adapter and import each of
        them.

        :param filters: passed to the adapter's ``search``
        :return: a message with the number of records
        """
        return self._import_all(self.backend_adapter.search(filters))

    def _import_all(self, external_ids):
        """Import (or plan the import of) each record; returns a message."""
        for external_id in external_ids:
            self._import_record(external_id)
        return (
            f"{len(external_ids)} {self.model._name} records to import from "
            f"{describe_backend(self.backend_record)}"
        )

    def _import_record(self, external_id, **kwargs):
        """Import (or plan the import of) one record."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement _import_record()"
        )


class DirectBatchImporter(BatchImporter):
    """Batch import in the current transaction: each record is imported
    by the model's :class:`RecordImporter` (``_record_importer_class``)
    before ``run`` returns. Suited to small sets such as categories."""

    _record_importer_class = RecordImporter

    def _import_record(self, external_id, **kwargs):
        importer = self.unit_for(self._record_importer_class)
        importer.run(external_id, **kwargs)


class DelayedBatchImporter(BatchImporter):
    """Batch import enqueuing one ``import_record`` job per record, with
    queue_job's ``identity_exact`` key: a record whose import is already
    waiting in the queue is not enqueued again.

    **Bulk jobs.** Large imports (an initial load) are enqueued as one
    ``import_chunk`` job per chunk of ``_chunk_size`` records instead: each
    imports its chunk with the model's :class:`BulkImporter` and hands the
    records the bulk path refuses to their own ``import_record`` jobs, so
    one bad record never fails its neighbours. ``run(filters, bulk=True)``
    asks for it; by default it is used when the search finds more than
    ``_bulk_threshold`` records.

    .. attribute:: _job_options

        Options of ``with_delay()`` (``priority``, ``channel``, ``eta``...).

    .. attribute:: _chunk_size

        Records per ``import_chunk`` job (default 200). A backend record
        with a positive ``import_chunk_size`` field overrides it.

    .. attribute:: _bulk_threshold

        Above this many records, import in bulk jobs (default ``None``:
        never, unless ``run`` is asked to).
    """

    _job_options = {}
    _chunk_size = 200
    _bulk_threshold = None

    def run(self, filters=None, bulk=None):
        """Search the external ids with the adapter and enqueue their
        imports: one job per record, or one ``import_chunk`` job per chunk.

        :param filters: passed to the adapter's ``search``
        :param bulk: ``True`` for bulk jobs, ``False`` for one job per
            record, ``None`` to decide by ``_bulk_threshold``
        :return: a message with the numbers of records and jobs
        """
        external_ids = self.backend_adapter.search(filters)
        if bulk is None:
            bulk = (
                self._bulk_threshold is not None
                and len(external_ids) > self._bulk_threshold
            )
        if not bulk:
            return self._import_all(external_ids)
        size = self._get_chunk_size()
        chunks = [
            external_ids[start : start + size]
            for start in range(0, len(external_ids), size)
        ]
        options = dict(self._job_options)
        for chunk in chunks:
            self.model.with_delay(**options).import_chunk(self.backend_record, chunk)
        return (
            f"{len(external_ids)} {self.model._name} records to import from "
            f"{describe_backend(self.backend_record)} in {len(chunks)} bulk jobs"
        )

    def _get_chunk_size(self):
        """Records per bulk job: the backend record's ``import_chunk_size``
        when it has a positive one, else ``_chunk_size``."""
        size = getattr(self.backend_record, "import_chunk_size", 0)
        if isinstance(size, int) and not isinstance(size, bool) and size > 0:
            return size
        return self._chunk_size

    def _import_record(self, external_id, job_options=None, **kwargs):
        options = dict(self._job_options, **(job_options or {}))
        options.setdefault("identity_key", identity_exact)
        delayable = self.model.with_delay(**options)
        delayable.import_record(self.backend_record, external_id, **kwargs)
