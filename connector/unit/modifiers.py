# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Modifiers of the mappers' ``direct`` mappings.

A ``direct`` mapping is a pair ``(source, target field)``; the source is a
key (or field name) or a *modifier*: a function returning
``modifier(mapper, record, to_attr)``, which computes the value from the
record. This module holds the modifiers the framework gives —
:func:`none`, :func:`convert`, :func:`m2o_to_external` and
:func:`external_to_m2o` (9.0 names :func:`m2o_to_backend` and
:func:`backend_to_m2o`), :func:`follow_m2o_relations` — and how a source is
read (:func:`_read`), with the errors naming the mapper and the record.
Connectors import them from :mod:`~odoo.addons.connector.unit.mapper`, as
in 9.0 and 10.0; writing a modifier of one's own is described there.
"""

import logging
from collections.abc import Mapping

from odoo import models

from ..connector import Binder
from ..exception import MappingError

_logger = logging.getLogger(__name__)

__all__ = [
    "none",
    "convert",
    "m2o_to_external",
    "external_to_m2o",
    "m2o_to_backend",
    "backend_to_m2o",
    "follow_m2o_relations",
]


class _MappingValueError(MappingError, ValueError):
    """A :class:`MappingError` where the legacy framework raised a
    ``ValueError`` (a modifier given a field that is no many2one, a mapping
    method returning no dict): code catching ``ValueError`` still does."""


class _MappingKeyError(MappingError, KeyError):
    """A :class:`MappingError` where the legacy framework let a
    ``KeyError`` out (a field the source model does not have, a key a
    mapping method reads and the record lacks)."""

    # KeyError would show the repr of the message, quotes and escapes included
    __str__ = MappingError.__str__


def _source_value(record, field):
    """The value of ``field`` in a source record: a key of a dict (``None``
    when missing), a field of an Odoo record."""
    if isinstance(record, Mapping):
        return record.get(field)
    return record[field]


def _check_source_field(mapper, record, field, mapping):
    """Refuse a source Odoo ``record`` without ``field``.

    :param mapping: the mapping reading it, as the message names it
    :raise MappingError: (a ``KeyError``) naming the mapping, the field and
        the record's model
    """
    if isinstance(record, models.BaseModel) and field not in record._fields:
        raise mapper._mapping_error(
            record,
            f"{mapping} reads the field {field!r}, which {record._name} does "
            "not have: correct the source field of the mapping",
            _MappingKeyError,
        )


def _read(mapper, record, field, to_attr):
    """The value of ``field``, which may be a name or a modifier.

    :raise MappingError: (a ``KeyError``) when ``field`` is a name the source
        Odoo record has no field for
    """
    if callable(field):
        return field(mapper, record, to_attr)
    _check_source_field(mapper, record, field, f"the mapping of {to_attr!r}")
    return _source_value(record, field)


def none(field):
    """A modifier: map falsy values (``False``, ``0``, ``""``, empty
    recordsets...) to ``None``.

    ``field`` is a source field name or another modifier::

        direct = [(none("email"), "email"),
                  (none(convert("age", int)), "age")]
    """

    def modifier(self, record, to_attr):
        value = _read(self, record, field, to_attr)
        if not value:
            return None
        return value

    return modifier


def convert(field, conv_type):
    """A modifier: convert the value with ``conv_type`` (any callable, e.g.
    ``int``, ``float``, ``str``); a falsy value gives ``False``.

    ``field`` is a source field name or another modifier::

        direct = [(convert("quantity", int), "qty")]

    :raise MappingError: when ``conv_type`` refuses the value (the message
        names the mapper, the field and the value)
    """

    def modifier(self, record, to_attr):
        value = _read(self, record, field, to_attr)
        if not value:
            return False
        try:
            return conv_type(value)
        except (TypeError, ValueError) as err:
            raise self._mapping_error(
                record,
                f"cannot convert the value {value!r} of {_describe_field(field)} "
                f"to {_type_name(conv_type)} for {to_attr!r} of "
                f"{self.model._name}: {err}",
            ) from err

    return modifier


def _source_field_name(mapping_attr):
    """The source field name of a ``direct`` mapping's source: the name
    itself, or, for a modifier, the ``field`` it was built with (followed
    through composed modifiers).

    :raise ValueError: for a modifier without a ``field`` argument
    """
    attr = mapping_attr
    while callable(attr):
        code = getattr(attr, "__code__", None)
        cells = {}
        if code is not None and attr.__closure__:
            cells = {
                name: cell.cell_contents
                for name, cell in zip(code.co_freevars, attr.__closure__, strict=True)
            }
        if "field" not in cells:
            raise ValueError(
                f"Modifier without 'field' argument: {mapping_attr!r} (a "
                "modifier must be built from a variable named 'field' holding "
                "the source field name or another modifier)"
            )
        attr = cells["field"]
    return attr


def _type_name(conv_type):
    return getattr(conv_type, "__name__", repr(conv_type))


def _describe_field(field):
    """How an error message names the source of a mapping."""
    if callable(field):
        try:
            field = _source_field_name(field)
        except ValueError:
            return f"the modifier {field!r}"
    return f"the field {field!r}"


#: The modifier of each binder method, for the messages.
_MODIFIERS = {
    "to_external": "m2o_to_external",
    "to_backend": "m2o_to_backend",
    "to_internal": "external_to_m2o",
    "to_openerp": "backend_to_m2o",
}


def _modifier_name(binder_method):
    """The modifier calling ``binder_method``, as messages name it."""
    return _MODIFIERS.get(binder_method, binder_method)


def _not_many2one(model, name, column, modifier):
    """The message of a modifier given a field that is no many2one:
    ``modifier`` reads it (``m2o_to_external``) or fills it
    (``external_to_m2o``)."""
    role = "reads" if modifier.startswith("m2o_to") else "fills"
    if column is None:
        found = (
            f"no field: {model._name} has no field {name!r}; give {modifier} a "
            f"many2one field of {model._name}"
        )
    else:
        found = (
            f"{column.type}: {modifier} {role} a many2one field; map a "
            f"{column.type} field with a plain direct mapping or convert()"
        )
    return f"The column {name} should be a Many2one, got {found}"


def _m2o_to_external(field, binding, binder_method):
    """Build the export modifier of a many2one; ``binder_method`` is the name
    of the binder method called (``to_external`` or its 9.0 name
    ``to_backend``), so a binder overriding either is honoured."""

    def modifier(self, record, to_attr):
        if callable(field):
            relation = field(self, record, to_attr)
            if relation and not isinstance(relation, models.BaseModel):
                raise self._mapping_error(
                    record,
                    f"{_describe_field(field)} should give a record to map "
                    f"{to_attr!r} with {_modifier_name(binder_method)}, got "
                    f"{relation!r}",
                    _MappingValueError,
                )
            comodel = relation._name if relation else None
        else:
            column = self.model._fields.get(field)
            if column is None or column.type != "many2one":
                raise self._mapping_error(
                    record,
                    _not_many2one(
                        self.model, field, column, _modifier_name(binder_method)
                    ),
                    _MappingValueError,
                )
            relation = record[field]
            comodel = column.comodel_name
        if not relation:
            return False
        binding_model = binding or comodel
        wrap = bool(binding)
        binder = self.binder_for(binding_model)
        value = getattr(binder, binder_method)(relation.id, wrap=wrap)
        if not value:
            raise self._mapping_error(
                record,
                f"cannot find an external id for record {relation.id} of "
                f"{relation._name} in model {binding_model} "
                f"{'with' if wrap else 'without'} wrapping ({_describe_field(field)} "
                f"mapped to {to_attr!r}, backend {self.backend_record.display_name})",
            )
        return value

    return modifier


def m2o_to_external(field, binding=None):
    """A modifier for exports: the external id of the record a many2one
    points to.

    :param field: name of the many2one field of the mapper's model (or a
        modifier giving a record)
    :param binding: name of the binding model when the many2one points to
        the normal record (e.g. ``res.partner``): the binding of the record
        for the current backend is searched (wrapping). Without it, the
        many2one must point to the binding model itself.

    Calls the binder's :meth:`~odoo.addons.connector.connector.Binder.to_external`.
    A falsy relation gives ``False``.

    :raise MappingError: (a ``ValueError``, as the legacy one) when ``field``
        is not a many2one of the model: the message names the mapper, the
        field and the record mapped
    :raise MappingError: when the related record has no external id on the
        backend (the message names the mapper, field, model and record)

    Example, a partner's country sent as the code the shop knows it by
    (``shop.res.country`` binds ``res.country``)::

        direct = [(m2o_to_external("country_id", binding="shop.res.country"),
                   "country_code")]
    """
    return _m2o_to_external(field, binding, "to_external")


def m2o_to_backend(field, binding=None):
    """9.0 name of :func:`m2o_to_external`, calling the binder's 9.0 method
    :meth:`~odoo.addons.connector.connector.Binder.to_backend`."""
    return _m2o_to_external(field, binding, "to_backend")


def _external_to_m2o(field, binding, binder_method):
    """Build the import modifier of a many2one; ``binder_method`` is the name
    of the binder method called (``to_internal`` or its 9.0 name
    ``to_openerp``)."""

    def modifier(self, record, to_attr):
        external_id = _read(self, record, field, to_attr)
        if Binder._is_empty_id(external_id):
            return False
        column = self.model._fields.get(to_attr)
        if column is None or column.type != "many2one":
            raise self._mapping_error(
                record,
                _not_many2one(
                    self.model, to_attr, column, _modifier_name(binder_method)
                ),
                _MappingValueError,
            )
        binding_model = binding or column.comodel_name
        unwrap = bool(binding)
        binder = self.binder_for(binding_model)
        found = getattr(binder, binder_method)(external_id, unwrap=unwrap)
        if not found:
            raise self._mapping_error(
                record,
                f"cannot find an existing {binding_model} for the external id "
                f"{external_id!r} of {_describe_field(field)} "
                f"{'with' if unwrap else 'without'} unwrapping (mapped to "
                f"{to_attr!r} of {self.model._name}, backend "
                f"{self.backend_record.display_name}): import it first",
            )
        if isinstance(found, models.BaseModel):
            return found.id
        _logger.debug(
            "%s.%s returned an id: returning a record should be preferred",
            type(binder).__name__,
            binder_method,
        )
        return found

    return modifier


def external_to_m2o(field, binding=None):
    """A modifier for imports: the Odoo id for an external id found in the
    source record, for a many2one target field.

    :param field: key of the source record holding the external id (or a
        modifier giving it)
    :param binding: name of the binding model when the target many2one
        points to the normal record (e.g. ``res.partner``): the binding found
        is unwrapped. Without it, the target many2one must point to the
        binding model itself.

    Calls the binder's :meth:`~odoo.addons.connector.connector.Binder.to_internal`.
    An empty external id (``None``, ``False``, ``''``) gives ``False``; ``0``
    is an external id like any other.

    :raise MappingError: (a ``ValueError``, as the legacy one) when the
        target is not a many2one of the model: the message names the mapper,
        the field and the record mapped
    :raise MappingError: when no binding exists for the external id on the
        backend (the message names the mapper, field, model and external id):
        import the related record first, e.g. as a dependency

    Example, the shop's country code read back into the partner's
    ``country_id``::

        direct = [(external_to_m2o("country_code", binding="shop.res.country"),
                   "country_id")]
    """
    return _external_to_m2o(field, binding, "to_internal")


def backend_to_m2o(field, binding=None):
    """9.0 name of :func:`external_to_m2o`, calling the binder's 9.0 method
    :meth:`~odoo.addons.connector.connector.Binder.to_openerp`."""
    return _external_to_m2o(field, binding, "to_openerp")


def follow_m2o_relations(field):
    """A modifier following a dotted path of relations from the source
    record: ``follow_m2o_relations("partner_id.country_id.code")``.

    On an Odoo record each step is an attribute (an empty relation gives an
    empty recordset, then ``False``); on a dict each step is a key (a missing
    key gives ``None`` and stops). The whole dotted path is the source field
    name used by ``fields`` filtering.
    """

    def modifier(self, record, to_attr):
        value = record
        for part in field.split("."):
            if isinstance(value, Mapping):
                value = value.get(part)
                if value is None:
                    return None
            else:
                if isinstance(value, models.BaseModel) and part not in value._fields:
                    raise self._mapping_error(
                        record,
                        f"follow_m2o_relations({field!r}) mapped to {to_attr!r}: "
                        f"{value._name} has no field {part!r}; correct the path",
                        _MappingKeyError,
                    )
                value = getattr(value, part)
        return value

    return modifier
