# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The backend adapters: CRUD on the remote partners and categories.

What the remote server answers is checked before anything else sees it: a
record read must have every field asked for, each of the type Odoo gives it
(see :data:`FIELD_KINDS`), a search must answer record ids. Anything else
raises :class:`~odoo.addons.connector.exception.InvalidDataError` naming the
backend, the binding model, the external id and the field: the job fails
before writing anything, rather than storing ``"['a']"`` as a name, ``True``
for the string ``"false"``, or failing later in the database on a NUL byte
or a value too large for an index.
"""

from datetime import datetime

from odoo.addons.connector.exception import IDMissingInBackend, InvalidDataError
from odoo.addons.connector.unit.backend_adapter import CRUDAdapter
from odoo.addons.connector.unit.importer import parse_update_date

from ..backend import CATEGORY_BINDING, PARTNER_BINDING, example_odoo
from .client import OdooClient

__all__ = [
    "OdooAdapter",
    "PartnerAdapter",
    "CategoryAdapter",
    "FIELD_KINDS",
    "MAX_TEXT_BYTES",
]

#: The kinds of field values a remote record may hold, as Odoo's ``read``
#: returns them (``False`` for an empty value of any kind but ``boolean``),
#: and their check. ``required`` is a ``char`` that must not be empty.
FIELD_KINDS = ("char", "required", "boolean", "integer", "datetime", "many2many")

#: The largest text accepted, in UTF-8 bytes: the partners' name, complete
#: name and normalized email are in b-tree indexes, whose entries hold 2704
#: bytes at most (a longer value fails the transaction when it is flushed).
MAX_TEXT_BYTES = 2000
# Odoo's integers and ids are PostgreSQL int4.
_MAX_INT = 2**31 - 1
_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _text_problem(value):
    """What is wrong with a text ``value``, or ``None``."""
    if not isinstance(value, str):
        return f"{type(value).__name__} {_excerpt(value)} instead of a text"
    if "\x00" in value:
        return f"a NUL character in {_excerpt(value)}"
    try:
        size = len(value.encode("utf-8"))
    except UnicodeEncodeError:
        return f"{_excerpt(value)}, which is not valid Unicode"
    if size > MAX_TEXT_BYTES:
        return f"a text of {size} bytes, more than the {MAX_TEXT_BYTES} accepted"
    return None


def _value_problem(kind, value):
    """What is wrong with ``value`` for a field of ``kind``, or ``None``."""
    if kind == "boolean":
        if not isinstance(value, bool):
            return f"{type(value).__name__} {_excerpt(value)} instead of a boolean"
        return None
    if kind == "required":
        if value is False or value == "":
            return "empty, a value is required"
        return _text_problem(value)
    if value is False:
        return None
    if kind == "char":
        return _text_problem(value)
    if kind == "integer":
        if not _is_int(value) or abs(value) > _MAX_INT:
            return f"{type(value).__name__} {_excerpt(value)} instead of an integer"
        return None
    if kind == "datetime":
        problem = _text_problem(value)
        if problem:
            return problem
        try:
            datetime.strptime(value, _DATETIME_FORMAT)
        except ValueError:
            return f"{_excerpt(value)} is not a date and time ({_DATETIME_FORMAT})"
        return None
    if kind == "many2many":
        if not isinstance(value, list) or not all(
            _is_int(item) and 0 < item <= _MAX_INT for item in value
        ):
            return f"{type(value).__name__} {_excerpt(value)} instead of record ids"
        return None
    raise ValueError(f"unknown kind of field {kind!r}, expected one of {FIELD_KINDS}")


def _excerpt(value, size=40):
    """``repr(value)``, cut to ``size`` characters."""
    text = repr(value)
    return text if len(text) <= size else f"{text[: size - 3]}..."


#: Module of the remote external ids of the records the exports create.
EXPORT_XMLID_MODULE = "connector_example_export"


class OdooAdapter(CRUDAdapter):
    """CRUD on one model of the remote Odoo (``_remote_model``), through
    the backend's :class:`~.client.OdooClient` (whichever the version
    chose).

    External ids are the remote ids, as strings. Archived remote records
    are seen as well as active ones: archiving is a change to import, not
    a deletion. ``_read_fields`` maps the fields read to their kind (one
    of :data:`FIELD_KINDS`): the records read are checked against it (see
    the module documentation).

    * ``search(filters)``: the ids of the records written between
      ``filters["from_date"]`` (excluded) and ``filters["to_date"]``
      (included), both optional ``"YYYY-MM-DD HH:MM:SS"`` UTC strings,
      fetched in pages of ``_page_size`` ids, each id once;
    * ``read(external_id)``: the record (``_read_fields``), or
      :class:`~odoo.addons.connector.exception.IDMissingInBackend`;
    * ``create(data)``: the new record's id; ``create_once(data, key)``:
      the same, at most once per key (the exporters' way, see
      :meth:`create_once`);
    * ``write(external_id, data)``: IDMissingInBackend when the record is
      gone;
    * ``existing_ids(external_ids)``: those that still exist.

    Network failures, wrong settings and refused data raise the
    exceptions of :mod:`.client`, their messages naming the backend, the
    binding model and the external id.
    """

    _remote_model = None
    _read_fields = {}
    _page_size = 200

    # the backend's operations, not the ORM methods of the same names
    # pylint: disable=method-required-super

    def __init__(self, connector_env):
        super().__init__(connector_env)
        self._client = None

    @property
    def client(self):
        """The backend's client unit (found on first use)."""
        if self._client is None:
            self._client = self.unit_for(OdooClient)
        return self._client

    def _execute(self, method, *args, subject, **kwargs):
        return self.client.execute(
            self._remote_model, method, *args, subject=subject, **kwargs
        )

    def _remote_id(self, external_id):
        """The remote id of an external id, refused unless a positive
        integer."""
        try:
            remote_id = int(external_id)
        except (TypeError, ValueError):
            remote_id = 0
        if remote_id <= 0 or str(remote_id) != str(external_id).strip():
            raise InvalidDataError(
                f"The external id {external_id!r} of {self.model._name} is not a "
                f"record id of {self._remote_model} on {self.client.describe()}"
            )
        return remote_id

    def _search_domain(self, filters):
        """The remote domain for the ``filters`` of :meth:`search`."""
        domain = []
        if filters.get("from_date"):
            domain.append(("write_date", ">", filters["from_date"]))
        if filters.get("to_date"):
            domain.append(("write_date", "<=", filters["to_date"]))
        return domain

    def search(self, filters=None):
        """The external ids (strings) of the remote records matching
        ``filters`` (see the class documentation), in id order, each once.

        :raise InvalidDataError: when the remote answers something else
            than ids after the last one of the previous page
        """
        domain = self._search_domain(filters or {})
        external_ids = []
        seen = set()
        last_id = 0
        while True:
            subject = (
                f"Searching {self._remote_model} for {self.model._name} "
                f"(ids after {last_id})"
            )
            # keyset paging: records written meanwhile cannot shift the pages
            page = self._execute(
                "search",
                domain + [("id", ">", last_id)],
                order="id",
                limit=self._page_size,
                context={"active_test": False},
                subject=subject,
            )
            self._check_ids(page, subject, after=last_id)
            for remote_id in page:
                if remote_id not in seen:
                    seen.add(remote_id)
                    external_ids.append(str(remote_id))
            if len(page) < self._page_size:
                return external_ids
            last_id = max(page)

    def latest_write_date(self, filters=None):
        """The latest ``write_date`` of the remote records matching
        ``filters`` (a naive UTC datetime, on the remote server's clock), or
        ``None`` when none matches."""
        records = self._execute(
            "search_read",
            self._search_domain(filters or {}),
            fields=["write_date"],
            order="write_date desc, id desc",
            limit=1,
            context={"active_test": False},
            subject=f"Reading the latest change of {self._remote_model}",
        )
        if not records:
            return None
        try:
            return parse_update_date(records[0]["write_date"])
        except (TypeError, KeyError, IndexError, ValueError) as err:
            raise InvalidDataError(
                f"Reading the latest change of {self._remote_model} on "
                f"{self.client.describe()}: unexpected answer {records!r:.200}"
            ) from err

    def read(self, external_id):
        """The remote record of ``external_id`` (a dict of
        ``_read_fields`` and ``id``), checked (see the module
        documentation).

        :raise IDMissingInBackend: when it does not exist (any more)
        :raise InvalidDataError: when the remote answers a record of
            another shape, naming the field
        """
        remote_id = self._remote_id(external_id)
        subject = f"Reading external id {external_id} of {self.model._name}"
        records = self._execute(
            "read", [remote_id], fields=list(self._read_fields), subject=subject
        )
        if records == []:
            raise IDMissingInBackend(
                f"{subject} on {self.client.describe()}: {self._remote_model} "
                f"{remote_id} does not exist"
            )
        if not isinstance(records, list) or len(records) != 1:
            raise self._invalid(
                subject, f"{_excerpt(records)} instead of the list of one record"
            )
        record = records[0]
        self._check_record(record, remote_id, subject)
        return record

    def _invalid(self, subject, problem):
        """The InvalidDataError of an answer of the remote server."""
        return InvalidDataError(
            f"{subject} on {self.client.describe()}: the remote server answered "
            f"{problem}"
        )

    def _check_record(self, record, remote_id, subject):
        """Raise InvalidDataError unless ``record`` is the record of
        ``remote_id`` with the ``_read_fields`` of their kinds."""
        if not isinstance(record, dict):
            raise self._invalid(subject, f"{_excerpt(record)} instead of a record")
        if record.get("id") != remote_id or not _is_int(record.get("id")):
            raise self._invalid(
                subject,
                f"the record of id {_excerpt(record.get('id'))} instead of "
                f"{remote_id}",
            )
        missing = [name for name in self._read_fields if name not in record]
        if missing:
            raise self._invalid(subject, f"a record without the fields {missing}")
        for name, kind in self._read_fields.items():
            problem = _value_problem(kind, record[name])
            if problem:
                raise self._invalid(subject, f"an invalid {name!r}: {problem}")

    def _check_ids(self, ids, subject, after=0):
        """Raise InvalidDataError unless ``ids`` is a list of record ids
        greater than ``after``."""
        if not isinstance(ids, list) or not all(
            _is_int(remote_id) and after < remote_id <= _MAX_INT for remote_id in ids
        ):
            raise self._invalid(
                subject, f"{_excerpt(ids)} instead of a list of ids after {after}"
            )

    def read_many(self, external_ids):
        """The remote records of ``external_ids``, in one call, in the same
        order.

        :raise IDMissingInBackend: when one does not exist (any more)
        """
        remote_ids = [self._remote_id(external_id) for external_id in external_ids]
        subject = f"Reading {len(remote_ids)} {self.model._name} records"
        records = self._execute(
            "read", remote_ids, fields=self._read_fields, subject=subject
        )
        by_id = {record["id"]: record for record in records}
        missing = [str(i) for i in remote_ids if i not in by_id]
        if missing:
            raise IDMissingInBackend(
                f"{subject} on {self.client.describe()}: {self._remote_model} "
                f"{', '.join(missing)} do not exist"
            )
        return [by_id[remote_id] for remote_id in remote_ids]

    def existing_ids(self, external_ids):
        """The external ids, among ``external_ids``, whose remote record
        still exists (archived or not)."""
        remote_ids = [self._remote_id(external_id) for external_id in external_ids]
        subject = f"Checking which of {len(remote_ids)} {self.model._name} exist"
        found = self._execute(
            "search",
            [("id", "in", remote_ids)],
            context={"active_test": False},
            subject=subject,
        )
        self._check_ids(found, subject)
        return {str(remote_id) for remote_id in found}

    def create(self, data):
        """Create a remote record with ``data``; returns its id as a
        string."""
        subject = f"Creating a {self._remote_model} for {self.model._name}"
        remote_id = self._execute("create", [data], subject=subject)
        if isinstance(remote_id, list) and len(remote_id) == 1:
            remote_id = remote_id[0]
        self._check_ids([remote_id], subject)
        return str(remote_id)

    def create_once(self, data, creation_key):
        """Create a remote record with ``data`` and the remote external id
        ``connector_example_export.<creation_key>``, in one call (the
        remote's ``load``, which creates the record and its external id in
        one transaction, or updates the record that already has it).

        An export that died after the remote created the record, before this
        database recorded its id, is retried with the same key: it finds
        that record instead of creating a second one.

        :return: the remote id, as a string
        :raise InvalidDataError: when the remote refuses the values (its
            messages are given)
        """
        columns, row = ["id"], [f"{EXPORT_XMLID_MODULE}.{creation_key}"]
        for name, value in data.items():
            column, text = self._load_value(name, value)
            columns.append(column)
            row.append(text)
        subject = f"Creating a {self._remote_model} for {self.model._name}"
        result = self._execute("load", columns, [row], subject=subject)
        if not result.get("ids"):
            messages = "; ".join(
                message.get("message", "") for message in result.get("messages", [])
            )
            raise InvalidDataError(
                f"{subject} on {self.client.describe()}: the values are refused: "
                f"{messages or result}"
            )
        return str(result["ids"][0])

    def _load_value(self, name, value):
        """The column and the text of a value in the format of the remote's
        ``load`` (relations by database id)."""
        field = self.model._fields.get(name)
        kind = field.type if field is not None else None
        if kind in ("many2many", "one2many"):
            ids = [i for command in value or () if command[0] == 6 for i in command[2]]
            ids += [command[1] for command in value or () if command[0] == 4]
            return f"{name}/.id", ",".join(str(i) for i in ids)
        if kind == "many2one":
            return f"{name}/.id", str(value or "")
        if kind == "boolean":
            return name, "1" if value else "0"
        if value is None or value is False:
            return name, ""
        return name, str(value)

    def write(self, external_id, data):
        """Write ``data`` on the remote record of ``external_id``.

        :raise IDMissingInBackend: when it does not exist (any more)
        """
        remote_id = self._remote_id(external_id)
        subject = f"Writing external id {external_id} of {self.model._name}"
        if not self.existing_ids([external_id]):
            raise IDMissingInBackend(
                f"{subject} on {self.client.describe()}: {self._remote_model} "
                f"{remote_id} does not exist"
            )
        self._execute("write", [remote_id], data, subject=subject)


@example_odoo
class PartnerAdapter(OdooAdapter):
    """The remote partners. Partners of remote users (who log in there) are
    not synchronized: ``search`` leaves them out."""

    _model_name = PARTNER_BINDING
    _remote_model = "res.partner"
    _read_fields = {
        "name": "char",
        "email": "char",
        "phone": "char",
        "street": "char",
        "city": "char",
        "zip": "char",
        "country_code": "char",
        "is_company": "boolean",
        "active": "boolean",
        "lang": "char",
        "category_id": "many2many",
        "write_date": "datetime",
    }

    def _search_domain(self, filters):
        return super()._search_domain(filters) + [("user_ids", "=", False)]


@example_odoo
class CategoryAdapter(OdooAdapter):
    """The remote partner categories (tags)."""

    _model_name = CATEGORY_BINDING
    _remote_model = "res.partner.category"
    _read_fields = {
        "name": "required",
        "color": "integer",
        "active": "boolean",
        "write_date": "datetime",
    }
