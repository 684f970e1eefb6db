# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Rewrites of 9.0/10.0 data files (views, actions, menus) for Odoo 18.

* ``<openerp>`` becomes ``<odoo>``; a single ``<data>`` without attributes
  inside it is unwrapped;
* ``<tree>`` becomes ``<list>`` in view architectures (and in ``xpath``
  expressions), ``tree`` becomes ``list`` in ``view_mode`` and in a view's
  ``type``; ``view_type`` of actions is removed;
* ``attrs`` and ``states`` become Odoo 17+ expressions
  (``invisible="..."``...) where
  :mod:`~odoo.addons.connector.migration.modifiers` converts them;
* ``<act_window>`` becomes an ``ir.actions.act_window`` record;
* reported: what is left (``ir.values`` records, ``<report>`` tags,
  ``colors``/``fonts`` on lists, unconvertible ``attrs``), with its line.
"""

import re

from lxml import etree

from .errors import MigrationError
from .modifiers import (
    UnconvertibleModifier,
    attrs_to_expressions,
    states_to_expression,
)

__all__ = ["migrate_xml"]

_ACT_WINDOW_FIELDS = (
    "name",
    "res_model",
    "view_mode",
    "domain",
    "context",
    "target",
    "limit",
    "usage",
)


def _combine(old, new):
    if not old:
        return new
    if old.strip() in ("1", "True"):
        return old
    return f"({old}) or ({new})"


def _convert_modifiers(element, path, report):
    attrs = element.get("attrs")
    if attrs is not None:
        try:
            expressions = attrs_to_expressions(attrs)
        except UnconvertibleModifier as err:
            report.todo(
                path,
                element.sourceline,
                "views",
                f"attrs on <{element.tag}> left as is ({err}): Odoo 17+ "
                "rejects attrs; write invisible/readonly/required "
                "expressions by hand",
            )
        else:
            del element.attrib["attrs"]
            for name, expression in expressions.items():
                element.set(name, _combine(element.get(name), expression))
            report.change(
                path,
                element.sourceline,
                "views",
                f"attrs on <{element.tag}> -> "
                + ", ".join(f'{k}="{v}"' for k, v in expressions.items()),
            )
    states = element.get("states")
    if states is not None and element.tag in (
        "button",
        "field",
        "div",
        "group",
        "page",
        "label",
        "span",
        "header",
    ):
        del element.attrib["states"]
        expression = states_to_expression(states)
        element.set("invisible", _combine(element.get("invisible"), expression))
        report.change(
            path,
            element.sourceline,
            "views",
            f'states="{states}" -> invisible="{expression}"',
        )


def _convert_arch(arch, path, report):
    for element in arch.iter(etree.Element):
        if element.tag == "tree":
            element.tag = "list"
            report.change(path, element.sourceline, "views", "<tree> -> <list>")
            for attribute in ("colors", "fonts"):
                if element.get(attribute) is not None:
                    report.todo(
                        path,
                        element.sourceline,
                        "views",
                        f"{attribute}= on a list is gone: use "
                        "decoration-* attributes",
                    )
        if element.tag == "xpath" and re.search(r"\btree\b", element.get("expr", "")):
            element.set("expr", re.sub(r"\btree\b", "list", element.get("expr")))
            report.change(path, element.sourceline, "views", "xpath on tree -> list")
        _convert_modifiers(element, path, report)


def _convert_record_fields(record, path, report):
    for field in record.findall("field"):
        name = field.get("name")
        if name == "arch":
            _convert_arch(field, path, report)
        elif name == "view_type" and record.get("model") == "ir.actions.act_window":
            _remove_keep_tail(field)
            report.change(path, field.sourceline, "views", "view_type removed")
        elif (
            name in ("view_mode", "type")
            and field.text
            and re.search(r"\btree\b", field.text)
        ):
            field.text = re.sub(r"\btree\b", "list", field.text)
            report.change(path, field.sourceline, "views", f"{name} tree -> list")


def _remove_keep_tail(element):
    """Remove ``element``, keeping the layout of its siblings."""
    parent = element.getparent()
    previous = element.getprevious()
    if previous is not None:
        previous.tail = element.tail
    else:
        parent.text = element.tail
    parent.remove(element)


def _convert_act_window(element, path, report):
    """``<act_window .../>`` as an ``ir.actions.act_window`` record."""
    record = etree.Element(
        "record", id=element.get("id"), model="ir.actions.act_window"
    )
    record.text = element.text
    record.tail = element.tail
    indent = (element.tail or "\n").split("\n")[-1] + "    "
    children = []
    for name in _ACT_WINDOW_FIELDS:
        value = element.get(name)
        if value is not None:
            field = etree.SubElement(record, "field", name=name)
            if name in ("domain", "context"):
                field.set("eval", value)
            else:
                field.text = (
                    re.sub(r"\btree\b", "list", value) if name == "view_mode" else value
                )
            children.append(field)
    source_model = element.get("src_model") or element.get("binding_model")
    if source_model:
        field = etree.SubElement(
            record,
            "field",
            name="binding_model_id",
            model="ir.model",
            search=f"[('model', '=', {source_model!r})]",
        )
        children.append(field)
    record.text = "\n" + indent
    for index, child in enumerate(children):
        child.tail = "\n" + (indent if index < len(children) - 1 else indent[:-4])
    element.getparent().replace(element, record)
    report.change(
        path,
        element.sourceline,
        "views",
        '<act_window> -> <record model="ir.actions.act_window">',
    )


def _dedent(element, extra):
    """Remove ``extra`` indentation from the whitespace-only texts and tails
    of ``element`` and its descendants."""
    for node in element.iter():
        for attribute in ("text", "tail"):
            value = getattr(node, attribute)
            if value and not value.strip() and "\n" + extra in value:
                setattr(node, attribute, value.replace("\n" + extra, "\n"))


def _unwrap_data(root, path, report):
    data = [child for child in root if isinstance(child.tag, str)]
    if len(data) != 1 or data[0].tag != "data" or data[0].attrib:
        return
    block = data[0]
    outer = (root.text or "").rsplit("\n", 1)[-1]
    inner = (block.text or "").rsplit("\n", 1)[-1]
    extra = inner[len(outer) :] if inner.startswith(outer) else ""
    index = list(root).index(block)
    children = list(block)
    root.text = (root.text or "") if index else block.text
    if extra and not index and root.text and not root.text.strip():
        root.text = root.text.replace("\n" + extra, "\n")
    for offset, child in enumerate(children):
        root.insert(index + offset, child)
        if extra:
            _dedent(child, extra)
    if children:
        children[-1].tail = block.tail
    root.remove(block)
    report.change(path, block.sourceline, "views", "<data> unwrapped")


def migrate_xml(content, path, report):
    """The data file ``content`` (bytes) rewritten for Odoo 18, or None
    when it is not an Odoo data file or nothing changed.

    :raise MigrationError: when the file is not well-formed XML
    """
    parser = etree.XMLParser(
        strip_cdata=False, resolve_entities=False, remove_blank_text=False
    )
    try:
        tree = etree.fromstring(content, parser).getroottree()
    except etree.XMLSyntaxError as err:
        line = err.position[0] if err.position else None
        raise MigrationError(f"{path}:{line}: not well-formed XML: {err.msg}") from err
    root = tree.getroot()
    if root.tag not in ("openerp", "odoo"):
        return None
    before = len(report.entries)
    if root.tag == "openerp":
        root.tag = "odoo"
        report.change(path, root.sourceline, "views", "<openerp> -> <odoo>")
        _unwrap_data(root, path, report)
    for element in list(root.iter("act_window")):
        _convert_act_window(element, path, report)
    for record in root.iter("record"):
        model = record.get("model")
        if model == "ir.values":
            report.todo(
                path,
                record.sourceline,
                "views",
                "ir.values record: ir.values is gone (Odoo 11); bind the "
                "action with binding_model_id on the action",
            )
        _convert_record_fields(record, path, report)
    for element in root.iter("report"):
        report.todo(
            path,
            element.sourceline,
            "views",
            "<report> tag is gone (Odoo 14): write an ir.actions.report record",
        )
    if len(report.entries) == before:
        return None
    declaration = content.lstrip().startswith(b"<?xml")
    return etree.tostring(tree, encoding="utf-8", xml_declaration=declaration) + b"\n"
