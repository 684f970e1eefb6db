# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Synchronizers: the units that import, export and delete records.

The legacy shells, to subclass for a synchronization written by hand:

* :class:`Synchronizer`: base class, with the lazily found :attr:`binder`,
  :attr:`mapper` and :attr:`backend_adapter` of its model;
* :class:`Importer`, :class:`Exporter`, :class:`Deleter`.

Ready-to-use generic synchronizers, which a connector subclasses with a few
class attributes and registers on its backend:

* :class:`RecordImporter`: imports one external record (lock, read, skip
  when up to date, dependencies first, map, create or update the binding);
* :class:`BulkImporter`: imports many external records per call, created
  with one ``create`` (the same locks, skips and dependencies as
  :class:`RecordImporter`);
* :class:`BatchImporter`, with :class:`DirectBatchImporter` (imports in the
  same transaction) and :class:`DelayedBatchImporter` (one queue_job job per
  record);
* :class:`RecordExporter`: exports one binding (lock, dependencies first,
  map, create or write on the backend, bind);
* :class:`RecordDeleter`: deletes one external record.

Example, for a backend ``magento`` with a binding ``magento.res.partner``::

    @magento
    class PartnerImporter(RecordImporter):
        _model_name = "magento.res.partner"
        _dependencies = [("magento.res.partner.category", "group_id")]

    @magento
    class PartnerBatchImporter(DelayedBatchImporter):
        _model_name = "magento.res.partner"

    @magento
    class PartnerExporter(RecordExporter):
        _model_name = "magento.res.partner"

The jobs running them are methods of every binding model
(``import_record``, ``import_batch``, ``export_record``,
``export_delete_record``, see
:class:`~odoo.addons.connector.models.external_binding.ExternalBinding`).

None of them commits: queue_job 18.0 refuses commits inside jobs. A job's
work is kept when the job ends, and discarded entirely when it fails.
"""

import datetime
import hashlib
import json
import logging
import re

import psycopg2.errors

from odoo import fields
from odoo.exceptions import ValidationError

from odoo.addons.queue_job.job import identity_exact

from ..connector import (
    _LOOKUP_MEMOS,
    Binder,
    ConnectorUnit,
    _binder_lookup_memo,
    _pg_try_advisory_locks,
)
from ..exception import (
    IDMissingInBackend,
    InvalidDataError,
    MappingError,
    RetryableJobError,
)
from .backend_adapter import BackendAdapter
from .mapper import ExportMapper, ImportMapper, Mapper

_logger = logging.getLogger(__name__)

__all__ = [
    "external_version",
    "parse_update_date",
    "Synchronizer",
    "Importer",
    "Exporter",
    "Deleter",
    "RecordImporter",
    "BulkImporter",
    "BatchImporter",
    "DirectBatchImporter",
    "DelayedBatchImporter",
    "RecordExporter",
    "RecordDeleter",
]


class Synchronizer(ConnectorUnit):
    """Base class for synchronizers.

    The units it works with are found on first use (and kept), so a
    synchronizer that needs no mapper works without one:

    * :attr:`binder`: the ``_base_binder`` unit of the model;
    * :attr:`mapper`: the ``_base_mapper`` unit of the model;
    * :attr:`backend_adapter`: the ``_base_backend_adapter`` unit of the
      model.

    A subclass changes the classes searched with these three attributes.
    """

    _model_name = None
    _base_mapper = Mapper
    _base_backend_adapter = BackendAdapter
    _base_binder = Binder

    def __init__(self, connector_env):
        """
        :param connector_env: current environment (backend, env, model), a
            :class:`~odoo.addons.connector.connector.ConnectorEnvironment`
        """
        super().__init__(connector_env)
        self._backend_adapter = None
        self._binder = None
        self._mapper = None

    def run(self, *args, **kwargs):
        """Run the synchronization (implemented by subclasses)."""
        raise NotImplementedError(f"{type(self).__name__} must implement run()")

    @property
    def mapper(self):
        """The mapper of the model (a ``_base_mapper``).

        :raise NoConnectorUnitError: when the backend has none
        """
        if self._mapper is None:
            self._mapper = self.unit_for(self._base_mapper)
        return self._mapper

    @property
    def binder(self):
        """The binder of the model (a ``_base_binder``).

        :raise NoConnectorUnitError: when the backend has none
        """
        if self._binder is None:
            self._binder = self.unit_for(self._base_binder)
        return self._binder

    @property
    def backend_adapter(self):
        """The backend adapter of the model (a ``_base_backend_adapter``).

        :raise NoConnectorUnitError: when the backend has none
        """
        if self._backend_adapter is None:
            self._backend_adapter = self.unit_for(self._base_backend_adapter)
        return self._backend_adapter


class Exporter(Synchronizer):
    """Synchronizer for exporting data from Odoo to a backend."""

    _base_mapper = ExportMapper


class Importer(Synchronizer):
    """Synchronizer for importing data from a backend to Odoo."""

    _base_mapper = ImportMapper


class Deleter(Synchronizer):
    """Synchronizer for deleting a record on the backend."""


def _describe_backend(backend_record):
    return f"{backend_record._name}({backend_record.id}) {backend_record.name!r}"


def _import_lock_name(backend_record, model_name, external_id):
    """The advisory lock text of the import of one record: the same for
    :class:`RecordImporter` and :class:`BulkImporter`, so that they exclude
    each other."""
    return (
        f"import_record({backend_record._name}, {backend_record.id}, "
        f"{model_name}, {external_id})"
    )


def parse_update_date(value):
    """A naive UTC datetime from an update date given by a backend.

    Accepted: a ``datetime`` (an aware one is converted to UTC) or a
    ``date``; an ISO 8601 or ``"YYYY-MM-DD HH:MM:SS"`` string, with a ``T``
    or a space, an optional fraction, and a ``Z`` or a UTC offset such as
    ``-05:00``, which is converted to UTC (``"2024-01-01T10:00:00-05:00"``
    is 15:00 UTC); a Unix epoch number, or a string of digits (seconds, or
    milliseconds above 10^11). Fractions of a second are dropped.

    :return: the datetime, or ``None`` for ``None``, ``False`` or ``""``
    :raise ValueError: for anything else (the message names the value)
    """
    if value is None or value is False or value == "":
        return None
    if isinstance(value, str) and re.fullmatch(r"\s*\d+(\.\d+)?\s*", value):
        value = float(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if abs(value) > 1e11 else value
        try:
            moment = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
        except (OverflowError, OSError, ValueError) as err:
            raise ValueError(f"{value!r} is no epoch time: {err}") from err
    elif isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    elif isinstance(value, str):
        text = value.strip()
        if text[-1:] in ("Z", "z"):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError as err:
            raise ValueError(f"{value!r} is no ISO 8601 date and time") from err
    else:
        raise ValueError(f"{value!r} ({type(value).__name__}) is no date")
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return moment.replace(microsecond=0)


#: the former private name of :func:`parse_update_date`
_parse_update_date = parse_update_date


def external_version(record):
    """A version of an external record read from a backend: the SHA-1 of its
    data (as canonical JSON, keys sorted), so that any change of what is read
    gives another version. Importers store it on the binding and compare it
    with the next one read: whether a record is up to date never depends on
    the clocks of either server.

    :param record: the record as read (a dict; values JSON can hold, others
        are taken by their ``repr``)
    """
    text = json.dumps(record, sort_keys=True, default=repr, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# "Key (backend_id, external_id)=(1, 42) already exists.": the columns
_DETAIL_COLUMNS = re.compile(r"\(([^()]*)\)=\(")
_UNIQUE_DEFINITION = re.compile(r"\s*unique\s*\(([^()]*)\)\s*", re.IGNORECASE)


def _columns(text):
    return frozenset(column.strip().strip('"') for column in text.split(","))


def _binding_uniqueness(model, binder):
    """The column sets of the binding's own uniqueness: (backend, external
    id) and (backend, bound record)."""
    backend = binder._backend_field
    return {
        _columns(f"{backend},{binder._external_field}"),
        _columns(f"{backend},{binder._link_field}"),
    }


def _violated_columns(model, err):
    """The columns of the unique constraint or index that ``err`` (a
    ``UniqueViolation``) reports, or ``None`` when unknown."""
    match = _DETAIL_COLUMNS.search(err.diag.message_detail or "")
    if match:
        return _columns(match.group(1))
    for name, definition, __ in model._sql_constraints:
        if err.diag.constraint_name in (name, f"{model._table}_{name}"):
            unique = _UNIQUE_DEFINITION.fullmatch(definition)
            return _columns(unique.group(1)) if unique else None
    return None


def _create_refused(model, binder, err, what):
    """The error of a binding ``create`` refused by a unique constraint.

    The binding's own uniqueness (same backend and external id, or same
    backend and record) means another transaction bound the record meanwhile:
    retried (see :func:`_bound_meanwhile`). Any other unique constraint (of
    the bound model, or a mapping giving two records the same key) is
    invalid data: the job fails, naming the constraint and the record.
    """
    if _violated_columns(model, err) in _binding_uniqueness(model, binder):
        return _bound_meanwhile(what)
    detail = err.diag.message_detail or err.diag.message_primary or str(err)
    return InvalidDataError(
        f"Invalid data in {what}: the unique constraint "
        f"{err.diag.constraint_name} of table {err.diag.table_name} refused "
        f"it: {detail}"
    )


def _database_refusal(err):
    """What the database said when it refused a write (``err``, a psycopg2
    error)."""
    diag = err.diag
    parts = [diag.message_primary or str(err).strip()]
    if diag.message_detail:
        parts.append(diag.message_detail)
    if diag.constraint_name:
        parts.append(f"constraint {diag.constraint_name}")
    return "; ".join(parts)


def _bound_meanwhile(what):
    """The error of a create refused by a unique constraint of the binding.

    Jobs run in REPEATABLE READ: a job whose snapshot predates the commit of
    another job binding the same record does not see that binding, gets the
    freed lock and creates a second one, which the constraint refuses. The
    transaction is lost; run again, the job sees the binding. The refused
    INSERT is still logged by Odoo as a failed query.
    """
    return RetryableJobError(
        f"{what} was bound by another transaction meanwhile: retried", seconds=1
    )


def _check_mapped_fields(model, mapper, data):
    """Refuse mapped values for fields ``model`` does not have, naming the
    mapper that produced them (Odoo would refuse them in ``create`` or
    ``write`` with an error naming neither the mapper nor the record).

    :raise MappingError: naming the mapper, the fields and the model; the
        importers add the external id
    """
    unknown = sorted(name for name in data if name not in model._fields)
    if unknown:
        raise MappingError(
            f"{type(mapper).__name__} mapped values for "
            f"{', '.join(map(repr, unknown))}, which {model._name} does not have "
            f"as fields: correct the target of its direct mappings, the keys its "
            "mapping methods or finalize() return, or the data hooks of the "
            "importer"
        )


def _write_binding(binding, data, binding_values):
    """Write the mapped values ``data`` on ``binding``: the values of fields
    delegated to an ``_inherits`` parent in one ``write`` on that parent, the
    binding's own values and ``binding_values`` in one ``write`` on the
    binding, all with ``connector_no_export``."""
    binding = binding.with_context(connector_no_export=True)
    own_values = dict(data)
    parent_values = {}
    for name in list(own_values):
        field = binding._fields.get(name)
        if field is not None and field.inherited:
            link = field.related.split(".")[0]
            parent_values.setdefault(link, {})[name] = own_values.pop(name)
    for link, values in parent_values.items():
        binding[link].write(values)
    own_values.update(binding_values)
    binding.write(own_values)


class RecordImporter(Importer):
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

    _remote_update_date_key = "updated_at"
    _dependencies = []
    _lock_retry_seconds = 1

    def __init__(self, connector_env):
        super().__init__(connector_env)
        self.external_id = None
        self.external_record = None
        self.binding = None
        self.created = False
        self._sync_date = None
        self._version = None

    def _lock_name(self):
        """The advisory lock text of the record imported."""
        return _import_lock_name(
            self.backend_record, self.model._name, self.external_id
        )

    def _describe(self):
        """How messages name the record imported."""
        return (
            f"external id {self.external_id!r} of {self.model._name} "
            f"(backend {_describe_backend(self.backend_record)})"
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
        key = self._remote_update_date_key
        if not key:
            return None
        value = self.external_record.get(key)
        try:
            return parse_update_date(value)
        except ValueError as err:
            raise InvalidDataError(
                f"Invalid data in {self._describe()}: its update date "
                f"{key!r} is {value!r}, which is no date: {err}"
            ) from err

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
        if not binding:
            return False
        version_field = self.binder._version_field
        if version_field and version_field in binding._fields:
            stored = binding[version_field]
            return bool(stored) and stored == self._external_version()
        sync_date = binding[self.binder._sync_date_field]
        if not sync_date:
            return False
        remote_date = self._remote_update_date()
        if remote_date is None:
            return False
        return remote_date < sync_date

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
        binder = self.binder
        values = {
            binder._external_field: str(self.external_id),
            binder._sync_date_field: self._sync_date,
        }
        if binder._version_field and binder._version_field in self.model._fields:
            values[binder._version_field] = self._external_version()
        return values

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
        try:
            binding = self.model.with_context(connector_no_export=True).create(values)
        except psycopg2.errors.UniqueViolation as err:
            what = self._describe()
            raise _create_refused(self.model, self.binder, err, what) from err
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
            try:
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
            except psycopg2.errors.UniqueViolation as err:
                what = self._describe()
                raise _create_refused(self.model, self.binder, err, what) from err
            except (psycopg2.IntegrityError, psycopg2.DataError) as err:
                raise InvalidDataError(
                    f"Invalid data in {self._describe()}: the database refused "
                    f"it: {_database_refusal(err)}"
                ) from err
            except psycopg2.errors.ProgramLimitExceeded as err:
                raise InvalidDataError(
                    f"Invalid data in {self._describe()}: a value is too large for "
                    f"the database: {_database_refusal(err)}"
                ) from err
            except MappingError as err:
                raise MappingError(f"Cannot map {self._describe()}: {err}") from err
            except (InvalidDataError, ValidationError) as err:
                message = err.args[0] if err.args else str(err)
                raise InvalidDataError(
                    f"Invalid data in {self._describe()}: {message}"
                ) from err
            self.binding = binding
            self._after_import(binding)
            action = "created" if created else "updated"
            return (
                f"Imported {self._describe()}: {binding._name}({binding.id}) {action}"
            )


class BulkImporter(Importer):
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

    _remote_update_date_key = "updated_at"
    _dependencies = []
    _lock_retry_seconds = 1
    _record_importer_class = RecordImporter

    def _describe(self, external_id):
        return (
            f"external id {external_id!r} of {self.model._name} "
            f"(backend {_describe_backend(self.backend_record)})"
        )

    def _lock_all(self, external_ids):
        """Take the advisory locks of all ``external_ids`` or raise
        RetryableJobError."""
        names = {
            _import_lock_name(self.backend_record, self.model._name, external_id): (
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
                f"{_describe_backend(self.backend_record)})",
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
        version_field = self.binder._version_field
        if version_field and version_field in binding._fields:
            stored = binding[version_field]
            return bool(stored) and stored == self._external_version(record)
        sync_date = binding[self.binder._sync_date_field]
        key = self._remote_update_date_key
        try:
            remote_date = parse_update_date(record.get(key)) if key else None
        except ValueError as err:
            raise InvalidDataError(
                f"Invalid data in {self.model._name} record {record!r:.200}: its "
                f"update date {key!r} is no date: {err}"
            ) from err
        return bool(sync_date and remote_date and remote_date < sync_date)

    def _binding_values(self, external_id, record, sync_date):
        """The binder's fields written with the mapped values of ``record``
        (see :meth:`RecordImporter._binding_values`)."""
        binder = self.binder
        values = {
            binder._external_field: external_id,
            binder._sync_date_field: sync_date,
        }
        if binder._version_field and binder._version_field in self.model._fields:
            values[binder._version_field] = self._external_version(record)
        return values

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
        map_record = self.mapper.map_record(record)
        try:
            data = map_record.values(for_create=for_create)
            self._validate_data(data)
            _check_mapped_fields(self.model, self.mapper, data)
        except MappingError as err:
            raise MappingError(
                f"Cannot map {self._describe(external_id)}: {err}"
            ) from err
        except (InvalidDataError, ValidationError) as err:
            message = err.args[0] if err.args else str(err)
            raise InvalidDataError(
                f"Invalid data in {self._describe(external_id)}: {message}"
            ) from err
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
                f"{_describe_backend(self.backend_record)})"
            )
            try:
                created = self.model.with_context(connector_no_export=True).create(
                    vals_list
                )
            except psycopg2.errors.UniqueViolation as err:
                raise _create_refused(self.model, binder, err, what) from err
            except ValidationError as err:
                raise InvalidDataError(
                    f"Invalid data in {what}: {err.args[0]}"
                ) from err
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
                f"{_describe_backend(self.backend_record)}: {len(created)} created, "
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
            f"{_describe_backend(self.backend_record)}"
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
            f"{_describe_backend(self.backend_record)} in {len(chunks)} bulk jobs"
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
        """The advisory lock text of the binding exported."""
        return (
            f"export_record({self.backend_record._name}, {self.backend_record.id}, "
            f"{self.model._name}, {self.binding.id})"
        )

    def _describe(self):
        """How messages name the binding exported."""
        return (
            f"{self.binding._name}({self.binding.id}) "
            f"(backend {_describe_backend(self.backend_record)})"
        )

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


class RecordDeleter(Deleter):
    """Generic deletion of one external record, with the adapter's
    ``delete(external_id)``, under the advisory lock of (backend, model,
    external id). A record already absent from the backend counts as
    deleted.

    Example::

        @magento
        class PartnerDeleter(RecordDeleter):
            _model_name = "magento.res.partner"
    """

    _lock_retry_seconds = 1

    def _lock_name(self, external_id):
        """The advisory lock text of the record deleted."""
        return (
            f"delete_record({self.backend_record._name}, {self.backend_record.id}, "
            f"{self.model._name}, {external_id})"
        )

    def run(self, external_id):
        """Delete a record on the backend.

        :param external_id: external id of the record
        :return: a message saying what was done
        :raise RetryableJobError: when the lock is taken
        :raise NetworkRetryableError: on a network failure (from the adapter)
        """
        self.advisory_lock_or_retry(
            self._lock_name(external_id), retry_seconds=self._lock_retry_seconds
        )
        description = (
            f"external id {external_id!r} of {self.model._name} "
            f"(backend {_describe_backend(self.backend_record)})"
        )
        try:
            self.backend_adapter.delete(external_id)
        except IDMissingInBackend:
            return f"Already deleted: {description}"
        return f"Deleted {description}"
