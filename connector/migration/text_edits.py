# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Edits of a source text at the positions Python's ``ast`` gives.

The rules find what to rewrite with ``ast`` and change only those spans of
the text, so that the rest of the file (comments, layout) stays as the
author wrote it.
"""

import ast

__all__ = ["TextEdits", "is_docstring", "node_span", "parse"]


def parse(text):
    """The ``ast`` tree of Python ``text``, or None when it does not parse
    (the rules leave such a text as it is)."""
    try:
        return ast.parse(text)
    except SyntaxError:
        return None


def is_docstring(statement):
    """Whether ``statement`` (the first of a body) is a docstring."""
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def node_span(node):
    """``(line, col, end_line, end_col)`` of an ``ast`` node (columns in
    UTF-8 bytes, as ``ast`` gives them)."""
    return node.lineno, node.col_offset, node.end_lineno, node.end_col_offset


class TextEdits:
    """Replacements collected on a text, applied at once by :meth:`apply`.

    Positions are ``(line, byte column)`` pairs as ``ast`` gives them (lines
    from 1). An edit overlapping one added before it is ignored, and
    :meth:`replace` says so by returning False.
    """

    def __init__(self, text):
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self._starts = [0]
        for line in self.lines:
            self._starts.append(self._starts[-1] + len(line))
        self._edits = []

    def offset(self, line, byte_col):
        """Offset in the text of ``(line, byte column)``."""
        text = self.lines[line - 1] if line - 1 < len(self.lines) else ""
        chars = len(text.encode("utf-8")[:byte_col].decode("utf-8", "ignore"))
        return self._starts[line - 1] + chars

    def line_text(self, line):
        """The text of ``line`` (from 1), without its end of line."""
        return self.lines[line - 1].rstrip("\r\n")

    def replace(self, start, end, new):
        """Replace the text between ``start`` and ``end``, two ``(line,
        byte column)`` pairs.

        :return: whether the edit was kept (False when it overlaps another)
        """
        begin, finish = self.offset(*start), self.offset(*end)
        for other_begin, other_finish, _new in self._edits:
            if begin < other_finish and other_begin < finish:
                return False
            if begin == finish == other_begin == other_finish:
                return False
        self._edits.append((begin, finish, new))
        return True

    def replace_node(self, node, new):
        """Replace the text of an ``ast`` node."""
        line, col, end_line, end_col = node_span(node)
        return self.replace((line, col), (end_line, end_col), new)

    def replace_lines(self, first, last, new):
        """Replace whole lines ``first`` to ``last`` (from 1) by ``new``
        (text with its own end of line, or ``""`` to delete them)."""
        begin, finish = self._starts[first - 1], self._starts[last]
        for other_begin, other_finish, _new in self._edits:
            if begin < other_finish and other_begin < finish:
                return False
        self._edits.append((begin, finish, new))
        return True

    def __bool__(self):
        return bool(self._edits)

    def apply(self):
        """The text with every kept edit applied."""
        text = self.text
        for begin, finish, new in sorted(self._edits, reverse=True):
            text = text[:begin] + new + text[finish:]
        return text
