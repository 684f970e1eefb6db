# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""What a migration changed, and what it left to a human.

Every rule of the migration adds entries to a :class:`Report`: a *change*
(something rewritten; its line is the line of the original file) or a
*to-do* (something the command could not rewrite safely; its line is the
line of the migrated file, where the human will edit it)::

    report = Report("connector_magento", "9.0")
    report.change("models.py", 12, "py2to3", "print statement -> print()")
    report.todo("models.py", 40, "old-api", "self.pool: use self.env")
    print(report.render())
"""

import json
from collections import namedtuple

__all__ = ["Entry", "Report"]

#: One line of the report. ``kind`` is ``"change"`` or ``"todo"``, ``path``
#: is relative to the addon's folder, ``line`` is 0 for a whole-file entry.
Entry = namedtuple("Entry", ["kind", "path", "line", "rule", "message"])


class Report:
    """The entries of one migration, in the order the rules found them.

    :param addon: technical name of the migrated addon
    :param from_version: the Odoo series it was written for (``"9.0"``...)
    """

    def __init__(self, addon, from_version):
        self.addon = addon
        self.from_version = from_version
        self.source = None
        self.destination = None
        self.entries = []

    def change(self, path, line, rule, message):
        """Record a rewrite at ``path:line`` (line of the original file)."""
        self.entries.append(Entry("change", str(path), line or 0, rule, message))

    def todo(self, path, line, rule, message):
        """Record something left to a human at ``path:line`` (line of the
        migrated file)."""
        self.entries.append(Entry("todo", str(path), line or 0, rule, message))

    @property
    def changes(self):
        """The change entries, sorted by file and line."""
        return sorted(
            (e for e in self.entries if e.kind == "change"),
            key=lambda e: (e.path, e.line),
        )

    @property
    def todos(self):
        """The to-do entries, sorted by file and line."""
        return sorted(
            (e for e in self.entries if e.kind == "todo"),
            key=lambda e: (e.path, e.line),
        )

    def rules(self, kind=None):
        """The set of rule names that produced entries (of ``kind``)."""
        return {e.rule for e in self.entries if kind is None or e.kind == kind}

    @staticmethod
    def _where(entry):
        return f"{entry.path}:{entry.line}" if entry.line else entry.path

    def render(self):
        """The report as text: a heading, the changes, then what is left to
        do, one ``file:line [rule] message`` a line."""
        changes, todos = self.changes, self.todos
        lines = [
            f"{self.addon}: migrated from Odoo {self.from_version} to Odoo 18.0",
        ]
        if self.source:
            lines.append(f"  from {self.source}")
        if self.destination:
            lines.append(f"  into {self.destination}")
        files = len({e.path for e in changes})
        lines.append(f"changed ({len(changes)} in {files} files):")
        lines += [f"  {self._where(e)} [{e.rule}] {e.message}" for e in changes]
        lines.append(f"left to do by hand ({len(todos)}):")
        lines += [f"  {self._where(e)} [{e.rule}] {e.message}" for e in todos]
        if not todos:
            lines.append("  nothing")
        return "\n".join(lines) + "\n"

    def as_json(self):
        """The report as a JSON document (for tools)."""
        return json.dumps(
            {
                "addon": self.addon,
                "from_version": self.from_version,
                "source": self.source and str(self.source),
                "destination": self.destination and str(self.destination),
                "changes": [e._asdict() for e in self.changes],
                "todos": [e._asdict() for e in self.todos],
            },
            indent=2,
        )
