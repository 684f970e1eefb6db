# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The backend adapters: CRUD on the remote partners and categories."""

from odoo import fields

from odoo.addons.connector.exception import IDMissingInBackend, InvalidDataError
from odoo.addons.connector.unit.backend_adapter import CRUDAdapter

from ..backend import CATEGORY_BINDING, PARTNER_BINDING, example_odoo
from .client import OdooClient

__all__ = ["OdooAdapter", "PartnerAdapter", "CategoryAdapter"]


#: Module of the remote external ids of the records the exports create.
EXPORT_XMLID_MODULE = "connector_example_export"


class OdooAdapter(CRUDAdapter):
    """CRUD on one model of the remote Odoo (``_remote_model``), through
    the backend's :class:`~.client.OdooClient` (whichever the version
    chose).

    External ids are the remote ids, as strings. Archived remote records
    are seen as well as active ones: archiving is a change to import, not
    a deletion.

    * ``search(filters)``: the ids of the records written between
      ``filters["from_date"]`` (excluded) and ``filters["to_date"]``
      (included), both optional ``"YYYY-MM-DD HH:MM:SS"`` UTC strings,
      fetched in pages of ``_page_size`` ids;
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
    _read_fields = []
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
        ``filters`` (see the class documentation), in id order."""
        domain = self._search_domain(filters or {})
        external_ids = []
        last_id = 0
        while True:
            # keyset paging: records written meanwhile cannot shift the pages
            page = self._execute(
                "search",
                domain + [("id", ">", last_id)],
                order="id",
                limit=self._page_size,
                context={"active_test": False},
                subject=(
                    f"Searching {self._remote_model} for {self.model._name} "
                    f"(ids after {last_id})"
                ),
            )
            external_ids.extend(str(remote_id) for remote_id in page)
            if len(page) < self._page_size:
                return external_ids
            last_id = page[-1]

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
        return fields.Datetime.to_datetime(records[0]["write_date"])

    def read(self, external_id):
        """The remote record of ``external_id`` (a dict of
        ``_read_fields`` and ``id``).

        :raise IDMissingInBackend: when it does not exist (any more)
        """
        remote_id = self._remote_id(external_id)
        subject = f"Reading external id {external_id} of {self.model._name}"
        records = self._execute(
            "read", [remote_id], fields=self._read_fields, subject=subject
        )
        if not records:
            raise IDMissingInBackend(
                f"{subject} on {self.client.describe()}: {self._remote_model} "
                f"{remote_id} does not exist"
            )
        return records[0]

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
        found = self._execute(
            "search",
            [("id", "in", remote_ids)],
            context={"active_test": False},
            subject=f"Checking which of {len(remote_ids)} {self.model._name} exist",
        )
        return {str(remote_id) for remote_id in found}

    def create(self, data):
        """Create a remote record with ``data``; returns its id as a
        string."""
        remote_id = self._execute(
            "create",
            [data],
            subject=f"Creating a {self._remote_model} for {self.model._name}",
        )
        if isinstance(remote_id, list):
            remote_id = remote_id[0]
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
    _read_fields = [
        "name",
        "email",
        "phone",
        "street",
        "city",
        "zip",
        "country_code",
        "is_company",
        "active",
        "lang",
        "category_id",
        "write_date",
    ]

    def _search_domain(self, filters):
        return super()._search_domain(filters) + [("user_ids", "=", False)]


@example_odoo
class CategoryAdapter(OdooAdapter):
    """The remote partner categories (tags)."""

    _model_name = CATEGORY_BINDING
    _remote_model = "res.partner.category"
    _read_fields = ["name", "color", "active", "write_date"]
