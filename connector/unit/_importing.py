# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""What the generic importers of :mod:`~odoo.addons.connector.unit.importer`
share, kept apart so that the importers read as their steps:

* :func:`parse_update_date` and :func:`external_version` (public, exported
  by :mod:`~odoo.addons.connector.unit.importer`);
* ``_GenericImporter``: the base of ``RecordImporter`` and
  ``BulkImporter``: their class attributes, the rule of ``_is_uptodate``,
  the binder's values written with the mapped ones, and the errors naming
  the record (``_naming_errors``);
* how a refusal of the database is told (the binding's own unique
  constraint, another one, any other refusal), and how mapped values are
  checked and written on a binding.
"""

import datetime
import hashlib
import json
import re
from contextlib import contextmanager

import psycopg2.errors

from odoo.exceptions import ValidationError

from ..exception import InvalidDataError, MappingError, RetryableJobError
from .synchronizer import Importer

__all__ = ["parse_update_date", "external_version"]


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


class _GenericImporter(Importer):
    """What :class:`RecordImporter` and :class:`BulkImporter` share: their
    class attributes, the rule deciding whether a binding is up to date, the
    binder's values written with the mapped ones, and the errors naming the
    record."""

    _remote_update_date_key = "updated_at"
    _dependencies = []
    _lock_retry_seconds = 1

    def _update_date(self, record, what):
        """The last update date of the external ``record`` (its
        ``_remote_update_date_key``), or ``None`` without one.

        :raise InvalidDataError: when the value is not a date, naming the
            key, the value and ``what`` (the record)
        """
        key = self._remote_update_date_key
        if not key:
            return None
        value = record.get(key)
        try:
            return parse_update_date(value)
        except ValueError as err:
            raise InvalidDataError(
                f"Invalid data in {what}: its update date {key!r} is {value!r}, "
                f"which is no date: {err}"
            ) from err

    def _holds(self, binding, version, update_date):
        """Whether ``binding`` holds an external record of which ``version()``
        gives the version and ``update_date()`` the last update date (each
        called only when the rule needs it, see
        :meth:`RecordImporter._is_uptodate`)."""
        version_field = self.binder._version_field
        if version_field and version_field in binding._fields:
            stored = binding[version_field]
            return bool(stored) and stored == version()
        sync_date = binding[self.binder._sync_date_field]
        if not sync_date:
            return False
        remote_date = update_date()
        return remote_date is not None and remote_date < sync_date

    def _bound_values(self, external_id, sync_date, version):
        """The binder's fields of a binding importing ``external_id``: its
        external id (a string, as the binder stores it), ``sync_date``, and
        ``version()`` when the model has a version field."""
        binder = self.binder
        values = {
            binder._external_field: str(external_id),
            binder._sync_date_field: sync_date,
        }
        if binder._version_field and binder._version_field in self.model._fields:
            values[binder._version_field] = version()
        return values

    @contextmanager
    def _naming_errors(self, what):
        """Within the block, the errors of mapping, validating and writing
        imported values are raised again as the framework's, naming
        ``what`` (the record or records):

        * a ``UniqueViolation`` of the binding's own uniqueness: a
          :class:`~odoo.addons.connector.exception.RetryableJobError` (bound
          by another transaction meanwhile); of any other unique constraint,
          and the other refusals of the database (integrity, data, a value
          too large): an :class:`~odoo.addons.connector.exception.InvalidDataError`
          quoting the database;
        * a :class:`~odoo.addons.connector.exception.MappingError`: a
          ``MappingError`` ``Cannot map <what>: ...``;
        * an ``InvalidDataError`` or a ``ValidationError``: an
          ``InvalidDataError`` ``Invalid data in <what>: ...``.

        An error of the framework that already names ``what`` goes through
        as it is.
        """
        try:
            yield
        except psycopg2.errors.UniqueViolation as err:
            raise _create_refused(self.model, self.binder, err, what) from err
        except (psycopg2.IntegrityError, psycopg2.DataError) as err:
            raise InvalidDataError(
                f"Invalid data in {what}: the database refused it: "
                f"{_database_refusal(err)}"
            ) from err
        except psycopg2.errors.ProgramLimitExceeded as err:
            raise InvalidDataError(
                f"Invalid data in {what}: a value is too large for the database: "
                f"{_database_refusal(err)}"
            ) from err
        except (MappingError, InvalidDataError, ValidationError) as err:
            message = err.args[0] if err.args else str(err)
            if isinstance(err, MappingError | InvalidDataError) and what in str(
                message
            ):
                raise
            if isinstance(err, MappingError):
                raise MappingError(f"Cannot map {what}: {err}") from err
            raise InvalidDataError(f"Invalid data in {what}: {message}") from err
