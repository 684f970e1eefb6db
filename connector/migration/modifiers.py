# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""``attrs`` and ``states`` of 9.0/10.0 views as Odoo 17+ expressions.

Odoo 17 replaced ``attrs="{'invisible': [('state', '=', 'done')]}"`` by
``invisible="state == 'done'"`` and ``states="draft,sent"`` by
``invisible="state not in ('draft', 'sent')"``. A domain converts when its
leaves compare a plain field name with ``=``, ``!=``, ``<``, ``>``, ``<=``,
``>=``, ``in`` or ``not in``::

    >>> domain_to_expression("['|', ('a', '=', False), ('b', 'in', [1, 2])]")
    'not a or b in [1, 2]'
"""

import ast

__all__ = [
    "UnconvertibleModifier",
    "domain_to_expression",
    "attrs_to_expressions",
    "states_to_expression",
]

_OPERATORS = {
    "=": "==",
    "==": "==",
    "!=": "!=",
    "<>": "!=",
    "<": "<",
    ">": ">",
    "<=": "<=",
    ">=": ">=",
    "in": "in",
    "not in": "not in",
}


class UnconvertibleModifier(ValueError):
    """The modifier has a form this conversion does not handle (the message
    says which part)."""


def _leaf(node):
    if not isinstance(node, ast.Tuple | ast.List) or len(node.elts) != 3:
        raise UnconvertibleModifier(f"{ast.unparse(node)} is not a domain leaf")
    field, operator, value = node.elts
    if not (isinstance(field, ast.Constant) and isinstance(field.value, str)):
        raise UnconvertibleModifier(f"{ast.unparse(field)} is not a field name")
    if not field.value.isidentifier():
        raise UnconvertibleModifier(f"{field.value!r} is not a plain field name")
    if not (isinstance(operator, ast.Constant) and operator.value in _OPERATORS):
        raise UnconvertibleModifier(
            f"operator {ast.unparse(operator)} is not convertible"
        )
    name, op = field.value, _OPERATORS[operator.value]
    if isinstance(value, ast.Constant) and value.value is False and op in ("==", "!="):
        return ("atom", f"not {name}" if op == "==" else name)
    return ("atom", f"{name} {op} {ast.unparse(value)}")


def _parse_term(items, position):
    """The expression starting at ``items[position]`` (prefix notation) and
    the position after it."""
    if position >= len(items):
        raise UnconvertibleModifier("the domain misses an operand")
    item = items[position]
    if isinstance(item, ast.Constant) and item.value in ("&", "|"):
        left, position = _parse_term(items, position + 1)
        right, position = _parse_term(items, position)
        return ("and" if item.value == "&" else "or", left, right), position
    if isinstance(item, ast.Constant) and item.value == "!":
        operand, position = _parse_term(items, position + 1)
        return ("not", operand), position
    return _leaf(item), position + 1


def _render(term, parent=None):
    kind = term[0]
    if kind == "atom":
        text = term[1]
        return f"({text})" if parent == "not" and " " in text else text
    if kind == "not":
        return f"not {_render(term[1], 'not')}"
    text = f"{_render(term[1], kind)} {kind} {_render(term[2], kind)}"
    return f"({text})" if parent and parent != kind else text


def _domain_expression(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, bool | int):
        return "1" if node.value else "0"
    if not isinstance(node, ast.List | ast.Tuple):
        raise UnconvertibleModifier(f"{ast.unparse(node)} is not a domain")
    items, terms, position = node.elts, [], 0
    if not items:
        return "1"
    while position < len(items):
        term, position = _parse_term(items, position)
        terms.append(term)
    result = terms[0]
    for term in terms[1:]:
        result = ("and", result, term)
    return _render(result)


def domain_to_expression(domain):
    """The Odoo 17+ expression of a domain given as text.

    :raise UnconvertibleModifier: when the domain has another form
    """
    try:
        node = ast.parse(domain.strip(), mode="eval").body
    except SyntaxError as err:
        raise UnconvertibleModifier(f"{domain!r} is not Python: {err.msg}") from err
    return _domain_expression(node)


def attrs_to_expressions(attrs):
    """``{attribute: expression}`` for the ``attrs`` text of a view element.

    :raise UnconvertibleModifier: when a part cannot be converted
    """
    try:
        node = ast.parse(attrs.strip(), mode="eval").body
    except SyntaxError as err:
        raise UnconvertibleModifier(f"attrs is not Python: {err.msg}") from err
    if not isinstance(node, ast.Dict):
        raise UnconvertibleModifier("attrs is not a dict")
    result = {}
    for key, value in zip(node.keys, node.values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            raise UnconvertibleModifier("attrs has a key that is not a string")
        result[key.value] = _domain_expression(value)
    return result


def states_to_expression(states):
    """The ``invisible`` expression of a ``states="a,b"`` attribute."""
    values = [value.strip() for value in states.split(",") if value.strip()]
    if len(values) == 1:
        return f"state != {values[0]!r}"
    return f"state not in {tuple(values)!r}"
