# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The error of the migration command."""

__all__ = ["MigrationError"]


class MigrationError(Exception):
    """The migration cannot be done: bad input (not an addon, an addon of
    another Odoo version, a destination that exists), a file that cannot be
    read or parsed, or a destination that cannot be written.

    The message names what was asked and what was wrong (a path, and a line
    when a file is at fault). When it is raised, nothing has been written.
    """
