# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The errors of the example connector, besides the framework's own.

The RPC clients raise them, or the framework's
:class:`~odoo.addons.connector.exception.NetworkRetryableError` (the job is
retried), :class:`~odoo.addons.connector.exception.IDMissingInBackend` and
:class:`~odoo.addons.connector.exception.InvalidDataError`. A job that
raises one of the errors below fails at once: retrying cannot help until
someone corrects the backend's configuration or the remote database.
"""

from odoo.addons.connector.exception import ConnectorException

__all__ = [
    "RemoteConfigurationError",
    "RemoteAuthenticationError",
    "RemoteAccessError",
    "RemoteServerError",
]


class RemoteConfigurationError(ConnectorException):
    """The backend's settings do not lead to a usable remote database: the
    URL is not an Odoo server's, the database does not exist..."""


class RemoteAuthenticationError(RemoteConfigurationError):
    """The remote database refuses the backend's login or password."""


class RemoteAccessError(RemoteConfigurationError):
    """The remote user is not allowed to do what the connector asks."""


class RemoteServerError(ConnectorException):
    """The remote Odoo failed with an unexpected error (its last traceback
    line is in the message)."""
