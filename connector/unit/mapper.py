# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Mappers: declarative conversion of records between Odoo and a backend.

A mapper turns a *source* record into a dictionary of *target* values: an
external record (a dict read from the backend) into values for an Odoo
binding on import, an Odoo binding into values for the backend on export.
It is declared with three kinds of mappings::

    class PartnerImportMapper(ImportMapper):
        _model_name = "magento.res.partner"

        direct = [
            ("name", "name"),  # source key, target field
            (convert("age", int), "age"),  # a modifier
            (external_to_m2o("group_id", binding="magento.res.partner.category"),
             "category_id"),
        ]
        children = [("addresses", "magento_address_ids", "magento.address")]

        @mapping
        def backend_id(self, record):
            return {"backend_id": self.backend_record.id}

        @only_create
        @mapping
        def customer(self, record):
            return {"customer_rank": 1}

and used through a :class:`MapRecord`::

    map_record = mapper.map_record(external_record)
    values = map_record.values(for_create=True)

The public names:

* :class:`Mapper`, :class:`ImportMapper`, :class:`ExportMapper` (ConnectorUnits,
  built by :class:`MetaMapper`);
* :class:`MapChild`, :class:`ImportMapChild`, :class:`ExportMapChild` (map
  the items of a one2many-like list with the mapper of their model);
* :class:`MapRecord`, :class:`MapOptions`, :class:`MappingDefinition`;
* the decorators :func:`mapping`, :func:`changed_by`, :func:`only_create`;
* the modifiers :func:`none`, :func:`convert`, :func:`m2o_to_external` and
  :func:`external_to_m2o` (9.0 names :func:`m2o_to_backend` and
  :func:`backend_to_m2o`), :func:`follow_m2o_relations`.

Writing a modifier: a modifier is a function returning
``modifier(mapper, record, to_attr)``; the argument naming the source must be
called ``field`` (a name, or another modifier to compose with), because the
framework reads it from the closure to know which source field a ``direct``
mapping depends on (for ``fields`` filtering and :attr:`_changed_by_fields`)::

    def upper(field):
        def modifier(self, record, to_attr):
            value = field(self, record, to_attr) if callable(field) else record[field]
            return value.upper() if value else False
        return modifier
"""

import logging
from collections import namedtuple
from collections.abc import Mapping
from contextlib import contextmanager

from odoo import models

from ..connector import Binder, ConnectorUnit, MetaConnectorUnit
from ..exception import ConnectorException, MappingError, NoConnectorUnitError
from .modifiers import (  # noqa: F401 (the modifiers' public home, as in 9.0)
    _check_source_field,
    _MappingKeyError,
    _MappingValueError,
    _read,
    _source_field_name,
    _source_value,
    backend_to_m2o,
    convert,
    external_to_m2o,
    follow_m2o_relations,
    m2o_to_backend,
    m2o_to_external,
    none,
)

_logger = logging.getLogger(__name__)

__all__ = [
    "mapping",
    "changed_by",
    "only_create",
    "none",
    "convert",
    "m2o_to_external",
    "external_to_m2o",
    "m2o_to_backend",
    "backend_to_m2o",
    "follow_m2o_relations",
    "MappingDefinition",
    "MetaMapper",
    "MapChild",
    "ImportMapChild",
    "ExportMapChild",
    "Mapper",
    "ImportMapper",
    "ExportMapper",
    "MapRecord",
    "MapOptions",
]


# --- decorators ------------------------------------------------------------


def mapping(func):
    """Declare a method of a :class:`Mapper` as a mapping method.

    The method receives the source record and returns a dictionary of target
    values (or a falsy value to map nothing)::

        @mapping
        def name(self, record):
            return {"name": f"{record['firstname']} {record['lastname']}"}

    The function is returned unchanged, only marked; the decorators of this
    module can be stacked in any order.
    """
    func.is_mapping = True
    return func


def changed_by(*args):
    """Declare the source fields a mapping method depends on.

    When values are computed with a ``fields`` restriction
    (``map_record.values(fields=[...])``), a method decorated with
    ``@changed_by`` runs only if one of its fields is in the restriction; a
    method without it always runs. The fields also feed
    :attr:`Mapper._changed_by_fields`, which tells a connector which writes
    need an export::

        @changed_by("firstname", "lastname")
        @mapping
        def name(self, record):
            return {"name": f"{record.firstname} {record.lastname}"}

    :param args: names of the source fields
    """

    def mark(func):
        func.changed_by = args
        return func

    return mark


def only_create(func):
    """Declare a mapping method that runs only when creating a record
    (``map_record.values(for_create=True)``), e.g. for defaults that must not
    overwrite later changes::

        @only_create
        @mapping
        def active(self, record):
            return {"active": True}
    """
    func.only_create = True
    return func


# --- mapper classes --------------------------------------------------------

MappingDefinition = namedtuple("MappingDefinition", ["changed_by", "only_create"])
MappingDefinition.__doc__ = "How a mapping method is applied."
MappingDefinition.changed_by.__doc__ = (
    "The source fields the method depends on (a ``frozenset``, empty when the "
    "method always runs)."
)
MappingDefinition.only_create.__doc__ = (
    "Whether the method runs only when creating records."
)


class MapOptions(dict):
    """The options of one mapping: a dictionary whose missing keys read as
    ``None``, and whose keys read and write as attributes.

    Mapping methods see the options of the current ``values()`` call as
    ``self.options``::

        map_record.values(for_create=True, tax_included=True)

        @mapping
        def price(self, record):
            if self.options.tax_included:  # None when not given
                ...
    """

    def __getitem__(self, key):
        try:
            return super().__getitem__(key)
        except KeyError:
            return None

    def __getattr__(self, key):
        if key.startswith("__"):
            # keep copy, pickle and friends on the usual protocol
            raise AttributeError(key)
        return self[key]

    def __setattr__(self, key, value):
        self[key] = value


class MetaMapper(MetaConnectorUnit):
    """Metaclass of the mappers: collects the mapping methods.

    Each class gets its own ``_map_methods`` (method name →
    :class:`MappingDefinition`) holding the methods decorated with
    :func:`mapping` in its body and those of its bases, and its own
    ``_changed_by_fields`` (a set): the source fields of its ``direct`` and
    ``children`` mappings, the ``changed_by`` fields of its methods and those
    of its bases.

    A method overriding an inherited mapping method stays a mapping method,
    even undecorated; decorated, its ``changed_by`` fields add to the
    inherited ones and its ``only_create`` replaces the inherited one.
    Definitions are immutable and never shared for writing: a subclass
    cannot change what its bases or siblings map.
    """

    def __new__(mcs, name, bases, attrs):
        map_methods = dict(attrs.get("_map_methods") or {})
        for base in bases:
            for meth_name, definition in (
                getattr(base, "_map_methods", None) or {}
            ).items():
                known = map_methods.get(meth_name)
                if known is None:
                    map_methods[meth_name] = definition
                else:
                    map_methods[meth_name] = MappingDefinition(
                        frozenset(known.changed_by) | frozenset(definition.changed_by),
                        known.only_create,
                    )
        for attr_name, attr in attrs.items():
            if not getattr(attr, "is_mapping", False):
                _warn_if_half_decorated(name, attr_name, attr)
                continue
            changed = frozenset(getattr(attr, "changed_by", None) or ())
            inherited = map_methods.get(attr_name)
            if inherited is not None:
                changed |= frozenset(inherited.changed_by)
            map_methods[attr_name] = MappingDefinition(
                changed, bool(getattr(attr, "only_create", False))
            )
        attrs["_map_methods"] = map_methods
        return super().__new__(mcs, name, bases, attrs)

    def __init__(cls, name, bases, attrs):
        super().__init__(name, bases, attrs)
        changed = set()
        for from_attr, __ in attrs.get("direct") or ():
            changed.add(cls._direct_source_field_name(from_attr))
        for child in attrs.get("children") or ():
            changed.add(child[0])
        for definition in cls._map_methods.values():
            changed.update(definition.changed_by)
        for base in bases:
            changed.update(getattr(base, "_changed_by_fields", None) or ())
        cls._changed_by_fields = changed

    #: The source field name of a ``direct`` mapping's source (see
    #: :func:`~odoo.addons.connector.unit.modifiers._source_field_name`).
    _direct_source_field_name = staticmethod(_source_field_name)


def _warn_if_half_decorated(class_name, attr_name, attr):
    """Warn about a method decorated with ``@only_create`` or
    ``@changed_by`` but not ``@mapping``: the legacy framework accepted it
    silently, and it never runs."""
    if not callable(attr):
        return
    decorators = [
        f"@{name}"
        for name in ("only_create", "changed_by")
        if getattr(attr, name, None) not in (None, False)
    ]
    if decorators:
        _logger.warning(
            "%s.%s is decorated with %s but not with @mapping: it is no mapping "
            "method and never runs; add @mapping",
            class_name,
            attr_name,
            " and ".join(decorators),
        )


# (mapper class, model) already checked by ExportMapper._check_changed_by
_CHECKED_EXPORT_MAPPERS = set()


class MapChild(ConnectorUnit):
    """Maps the items of a list of sub-records (order lines, addresses...).

    A mapper lists them in ``children`` as ``(source_field, target_field,
    child_model)``; the mapper looks for a MapChild registered for the child
    model (a subclass of its ``_map_child_class``) and otherwise uses its
    ``_map_child_class`` itself. The items are mapped by the mapper of the
    child model, with the options of the parent's ``values()`` call (including
    ``for_create``, ``fields`` and custom options).

    Subclass it to skip items or to update existing ones instead of creating
    them::

        @backend
        class LineMapChild(ImportMapChild):
            _model_name = "magento.sale.order.line"

            def skip_item(self, map_record):
                return map_record.source["product_type"] == "configurable"
    """

    _model_name = None

    def _child_mapper(self):
        """The mapper of the child model."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement _child_mapper()"
        )

    def skip_item(self, map_record):
        """Hook: whether an item is left out. ``map_record.parent`` is the
        :class:`MapRecord` of the parent record. Default: no item skipped."""
        return False

    def get_items(self, items, parent, to_attr, options):
        """The mapped values of all the items, formatted for the target.

        :param items: the source items (a list of dicts, a recordset...)
        :param parent: the :class:`MapRecord` of the parent record
        :param to_attr: the target field of the items
        :param options: the :class:`MapOptions` of the parent
        :return: what :meth:`format_items` makes of the list of values
        """
        child_mapper = self._child_mapper()
        # lazily, one item at a time: mapped, judged by skip_item, valued
        item_records = (child_mapper.map_record(item, parent=parent) for item in items)
        kept = (record for record in item_records if not self.skip_item(record))
        return self.format_items(
            [self.get_item_values(record, to_attr, options) for record in kept]
        )

    def get_item_values(self, map_record, to_attr, options):
        """The values of one item: ``map_record.values(**options)`` (the
        parent's options). Override it to look up an existing item with a
        binder, for instance."""
        return map_record.values(**options)

    def format_items(self, items_values):
        """Format the list of item values for the target (identity here)."""
        return items_values


class ImportMapChild(MapChild):
    """:class:`MapChild` for imports: items mapped by the child model's
    :class:`ImportMapper`, written as one2many creation commands
    ``(0, 0, values)`` (a re-import thus adds new items: override
    :meth:`format_items` or :meth:`get_item_values` to update existing ones).
    """

    def _child_mapper(self):
        return self.unit_for(ImportMapper)

    def format_items(self, items_values):
        """``(0, 0, values)`` creation commands."""
        return [(0, 0, values) for values in items_values]


class ExportMapChild(MapChild):
    """:class:`MapChild` for exports: items mapped by the child model's
    :class:`ExportMapper`, given as a list of dicts."""

    def _child_mapper(self):
        return self.unit_for(ExportMapper)


class Mapper(ConnectorUnit, metaclass=MetaMapper):
    """A declarative converter of records (see the module documentation).

    .. attribute:: direct

        ``[(source, target_field), ...]``: ``source`` is a field name or a
        modifier (:func:`none`, :func:`convert`, :func:`external_to_m2o`...).
        The target key is always set, ``False`` for an empty value.

    .. attribute:: children

        ``[(source_field, target_field, child_model), ...]``: sub-records
        mapped through a :class:`MapChild` (``_map_child_class``).

    .. attribute:: _map_child_class

        The default :class:`MapChild` class.

    Mapping methods are methods decorated with :func:`mapping` (plus
    :func:`changed_by`, :func:`only_create`). Values are computed in this
    order, later keys overriding earlier ones: direct mappings, mapping
    methods (in definition order, the bases' first), children, then
    :meth:`finalize`; values forced with :meth:`MapRecord.update` win over
    all of them. A method decorated with :func:`only_create` or
    :func:`changed_by` but not :func:`mapping` is no mapping method: a
    warning says so when the class is created.

    Errors: a mapping that cannot be computed raises
    :class:`~odoo.addons.connector.exception.MappingError` with a message
    naming the mapper class, the field or key and the record mapped (an
    Odoo record with its external id; an external record by its ``"id"``
    key), and the importers and exporters add the external id and backend
    they work on. A ``KeyError`` raised by a mapping method or a modifier
    (a key the external record lacks) becomes one too, listing the keys the
    record has; it stays a ``KeyError``, and the errors the legacy framework
    raised as ``ValueError`` (a mapping method returning no dict, a
    many2one modifier on another kind of field) stay ``ValueError``.
    """

    _model_name = None
    direct = []
    children = []
    _map_methods = None
    _map_child_class = None

    def __init__(self, connector_env):
        super().__init__(connector_env)
        self._options = None

    def _map_direct(self, record, from_attr, to_attr):
        """The value of one ``direct`` mapping (implemented by the import
        and export mappers)."""
        raise NotImplementedError(f"{type(self).__name__} must implement _map_direct()")

    @property
    def map_methods(self):
        """Yield ``(bound method, MappingDefinition)`` for every mapping
        method."""
        for meth_name, definition in self._map_methods.items():
            yield getattr(self, meth_name), definition

    @classmethod
    def changed_by_fields(cls):
        """The source fields whose change alters the mapped values (a copy
        of :attr:`_changed_by_fields`)."""
        return set(cls._changed_by_fields)

    _direct_source_field_name = staticmethod(_source_field_name)

    def _describe_source(self, record):
        """How error messages name the source record: an Odoo record by its
        model and id, and its external id when it is a bound binding; an
        external record (a dict) by its ``"id"`` key when it has one (the
        importers of :mod:`~odoo.addons.connector.unit.synchronizer` name
        the external id they import in any case)."""
        if isinstance(record, models.BaseModel):
            text = f"{record._name}{tuple(record.ids)!r}"
            try:
                external_field = self.binder_for(record._name)._external_field
            except ConnectorException:
                # no binder (a child record, say): the default field name
                external_field = Binder._external_field
            if len(record) == 1 and external_field in record._fields:
                external_id = record[external_field]
                text += (
                    f" (external id {external_id!r})" if external_id else " (not bound)"
                )
            return text
        if isinstance(record, Mapping) and record.get("id") not in (None, ""):
            return f"the external record {record['id']!r}"
        return "an external record"

    def _mapping_error(self, record, message, error_class=MappingError):
        """The error to raise when ``record`` cannot be mapped: ``message``
        prefixed with the mapper's class and followed by the record (see
        :meth:`_describe_source`)."""
        return error_class(
            f"{type(self).__name__}: {message} (mapping "
            f"{self._describe_source(record)})"
        )

    def _missing_key(self, record, err, what):
        """The error of a ``KeyError`` raised by ``what`` (a mapping method,
        a modifier): the key the record lacks, and the keys it has."""
        key = err.args[0] if err.args else None
        if isinstance(record, Mapping) and key not in record:
            keys = ", ".join(sorted(map(str, record))) or "none"
            message = (
                f"{what} reads the key {key!r}, which the record does not have "
                f"(its keys: {keys}); read an optional key with "
                f"record.get({key!r})"
            )
        elif isinstance(record, models.BaseModel) and key not in record._fields:
            message = f"{what} reads the field {key!r}, which {record._name} lacks"
        else:
            message = f"{what} raised KeyError: {err}"
        return self._mapping_error(record, message, _MappingKeyError)

    def _get_map_child_unit(self, model_name):
        """The :class:`MapChild` for ``model_name``: the one registered for
        the model, else an instance of ``_map_child_class`` on a new
        environment of the same class as this mapper's (with its propagated
        attributes)."""
        try:
            return self.unit_for(self._map_child_class, model=model_name)
        except NoConnectorUnitError:
            connector_env = self.connector_env.create_environment(
                self.backend_record,
                self.connector_env.session,
                model_name,
                connector_env=self.connector_env,
            )
            return self._map_child_class(connector_env)

    def _map_child(self, map_record, from_attr, to_attr, model_name):
        """The mapped values of the children in ``from_attr`` of the source
        (a missing key of a dict source means no children)."""
        if self._map_child_class is None:
            raise MappingError(
                f"{type(self).__name__}: _map_child_class required to map the "
                f"children {from_attr!r} to {to_attr!r}"
            )
        source = map_record.source
        if isinstance(source, Mapping):
            child_records = source.get(from_attr) or []
        else:
            if isinstance(source, models.BaseModel) and from_attr not in source._fields:
                raise self._mapping_error(
                    source,
                    f"the children ({from_attr!r}, {to_attr!r}, {model_name!r}) "
                    f"read the field {from_attr!r}, which {source._name} does not "
                    "have: correct the source field of the children",
                    _MappingKeyError,
                )
            child_records = source[from_attr]
        mapper_child = self._get_map_child_unit(model_name)
        return mapper_child.get_items(
            child_records, map_record, to_attr, options=self.options
        )

    @contextmanager
    def _mapping_options(self, options):
        """Use ``options`` as :attr:`options` within the block."""
        previous = self._options
        self._options = options
        try:
            yield
        finally:
            self._options = previous

    @property
    def options(self):
        """The :class:`MapOptions` of the mapping in progress (``None``
        outside one)."""
        return self._options

    def map_record(self, record, parent=None):
        """Get a :class:`MapRecord` for a source record.

        :param record: the source: an external record (dict) for imports, an
            Odoo record for exports
        :param parent: the :class:`MapRecord` of the parent when mapping
            children
        """
        return MapRecord(self, record, parent=parent)

    def _apply(self, map_record, options=None):
        """The values of ``map_record`` with ``options``."""
        if options is None:
            options = MapOptions()
        elif not isinstance(options, MapOptions):
            options = MapOptions(options)
        with self._mapping_options(options):
            return self._apply_with_options(map_record)

    def _apply_with_options(self, map_record):
        """The values of ``map_record`` with the current :attr:`options`:
        direct mappings, mapping methods, children, then :meth:`finalize`.

        With ``options.fields``, only the mappings depending on one of those
        source fields are applied (plus the methods without
        ``changed_by``); ``only_create`` methods run only with
        ``options.for_create``.
        """
        options = self.options
        fields = options.fields
        field_set = set(fields) if fields else None
        source = map_record.source
        result = {}
        for from_attr, to_attr in self.direct:
            if field_set is not None:
                name = self._direct_source_field_name(from_attr)
                if name not in field_set:
                    continue
            try:
                result[to_attr] = self._map_direct(source, from_attr, to_attr)
            except MappingError:
                raise
            except KeyError as err:
                what = f"the direct mapping of {to_attr!r}"
                raise self._missing_key(source, err, what) from err

        for meth, definition in self.map_methods:
            changed = definition.changed_by
            if field_set is not None and changed and not changed & field_set:
                continue
            if definition.only_create and not options.for_create:
                continue
            try:
                values = meth(source)
            except MappingError:
                raise
            except KeyError as err:
                what = f"the mapping method {meth.__name__}()"
                raise self._missing_key(source, err, what) from err
            if not values:
                continue
            if not isinstance(values, dict):
                raise self._mapping_error(
                    source,
                    f"invalid return value for the mapping method {meth.__name__}: "
                    f"{values!r}; a mapping method returns a dict of target values "
                    "({field: value}), or None to map nothing",
                    _MappingValueError,
                )
            result.update(values)

        for from_attr, to_attr, model_name in self.children:
            if field_set is None or from_attr in field_set:
                result[to_attr] = self._map_child(
                    map_record, from_attr, to_attr, model_name
                )

        return self.finalize(map_record, result)

    def finalize(self, map_record, values):
        """Hook called last with the mapped values; returns the final values
        (like an onchange). Values forced with :meth:`MapRecord.update` are
        applied after it::

            def finalize(self, map_record, values):
                values.setdefault("lang", "en_US")
                return values
        """
        return values


class ImportMapper(Mapper):
    """Mapper of external records (dicts) to Odoo values.

    A ``direct`` mapping reads ``record.get(source)``: a missing key or a
    falsy value gives ``False`` (as in the legacy framework; the modifiers
    read a missing key as ``None`` too). A target many2one without modifier
    is mapped with :func:`external_to_m2o` (the many2one must point to a
    binding model).

    A value for a target field the model does not have raises
    :class:`~odoo.addons.connector.exception.MappingError` naming the
    mapper, the field and the record (a ``KeyError`` too, as the legacy
    error); the importers refuse values for unknown fields from modifiers
    and mapping methods the same way, before writing anything.
    """

    _map_child_class = ImportMapChild

    def _map_direct(self, record, from_attr, to_attr):
        if callable(from_attr):
            return from_attr(self, record, to_attr)
        value = record.get(from_attr)
        if not value:
            return False
        column = self.model._fields.get(to_attr)
        if column is None:
            raise self._mapping_error(
                record,
                f"the direct mapping ({from_attr!r}, {to_attr!r}) fills the field "
                f"{to_attr!r}, which {self.model._name} does not have: correct the "
                "target field of the mapping (or add the field to the model)",
                _MappingKeyError,
            )
        if column.type == "many2one":
            return external_to_m2o(from_attr)(self, record, to_attr)
        return value


class ExportMapper(Mapper):
    """Mapper of Odoo records (bindings) to values for the backend.

    A ``direct`` mapping reads ``record[source]``: a falsy value gives
    ``False``. A source many2one without modifier is mapped with
    :func:`m2o_to_external` (the many2one must point to a binding model).

    A source field the model does not have raises
    :class:`~odoo.addons.connector.exception.MappingError` naming the
    mapper, the field and the binding with its external id (a ``KeyError``
    too, as the legacy error). The fields named by ``changed_by`` that the
    model does not have are logged as a warning when the mapper is first
    used: the legacy framework accepted them, but the mappings depending on
    them never run for an export of the changed fields only.
    """

    _map_child_class = ExportMapChild

    def __init__(self, connector_env):
        super().__init__(connector_env)
        self._check_changed_by()

    def _check_changed_by(self):
        """Warn, once per class and model, about source fields named by the
        ``changed_by`` of the mapping methods (or the sources of ``direct``
        and ``children``) that the model does not have: an export restricted
        to the changed fields never runs the mappings depending on them.
        The legacy framework accepted them silently: a warning, no error."""
        key = (type(self), self.model._name)
        if key in _CHECKED_EXPORT_MAPPERS:
            return
        _CHECKED_EXPORT_MAPPERS.add(key)
        unknown = sorted(
            name
            for name in type(self)._changed_by_fields
            if isinstance(name, str)
            and "." not in name
            and name not in self.model._fields
        )
        if unknown:
            _logger.warning(
                "%s: %s, named by its changed_by, direct or children mappings, "
                "%s no field of %s: the mappings depending on them never run when "
                "only the changed fields are exported; correct the names",
                type(self).__name__,
                ", ".join(map(repr, unknown)),
                "is" if len(unknown) == 1 else "are",
                self.model._name,
            )

    def _map_direct(self, record, from_attr, to_attr):
        if callable(from_attr):
            return from_attr(self, record, to_attr)
        _check_source_field(
            self, record, from_attr, f"the direct mapping ({from_attr!r}, {to_attr!r})"
        )
        value = record[from_attr]
        if not value:
            return False
        column = self.model._fields.get(from_attr)
        if column is not None and column.type == "many2one":
            return m2o_to_external(from_attr)(self, record, to_attr)
        return value


class MapRecord:
    """A source record ready to be mapped by a :class:`Mapper`.

    Obtained with :meth:`Mapper.map_record`; :meth:`values` computes the
    target values, :meth:`update` forces some of them::

        map_record = mapper.map_record(record)
        map_record.update(name="forced")
        values = map_record.values(for_create=True)
    """

    def __init__(self, mapper, source, parent=None):
        """
        :param mapper: the :class:`Mapper` that computes the values
        :param source: the record to map (a dict read from a backend, or an
            Odoo record for an export)
        :param parent: for an item mapped by a :class:`MapChild`, the
            :class:`MapRecord` of the record holding it
        """
        self._mapper, self._source, self._parent = mapper, source, parent
        self._updates = {}  # given to update(): they win over the mapping

    @property
    def source(self):
        """The source record."""
        return self._source

    @property
    def parent(self):
        """The :class:`MapRecord` of the parent (for a child item), or
        ``None``."""
        return self._parent

    def values(self, for_create=None, fields=None, **kwargs):
        """The mapped values.

        :param for_create: the values create a record: the mapping methods
            decorated with :func:`only_create` are applied too
        :param fields: restrict the values to the mappings depending on those
            source fields (``direct`` sources, ``changed_by`` of the methods,
            ``children`` sources); methods without ``changed_by`` still run
        :param kwargs: custom options, read by mapping methods as
            ``self.options.<name>`` and passed on to the children
        :return: a new dict; the values forced with :meth:`update` win over
            the mapped ones, :meth:`Mapper.finalize` included
        """
        options = MapOptions(for_create=for_create, fields=fields, **kwargs)
        values = dict(self._mapper._apply(self, options=options))
        values.update(self._updates)
        return values

    def update(self, *args, **kwargs):
        """Force values (``dict.update`` arguments); they override whatever
        the mapper computes."""
        self._updates.update(*args, **kwargs)

    def __repr__(self):
        return f"<MapRecord of {type(self._mapper).__name__}: {self._source!r}>"
