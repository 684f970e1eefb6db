# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Exceptions of the connector framework.

Two families live here:

* the connector's own errors, all subclasses of :class:`ConnectorException`
  (a unit that cannot be found, invalid data, a mapping that cannot be
  resolved, ...);
* the job errors, which queue_job acts upon when a job raises them:
  :class:`RetryableJobError` (the job is postponed and retried),
  :class:`FailedJobError` and :class:`JobError` are queue_job's own classes,
  re-exported so that connectors import everything from one place, and
  :class:`NothingToDoJob` (dropped by queue_job 18.0, provided again here:
  a job that raises it ends *done*, with the message as its result).

Some errors also derive from a built-in exception (``ValueError``,
``AssertionError``) because the legacy framework raised that built-in in the
same situation: code written for 9.0/10.0 that catches it keeps working.
"""

from odoo.addons.queue_job.exception import (
    ChannelNotFound,
    FailedJobError,
    JobError,
    NoSuchJobError,
    RetryableJobError,
)

__all__ = [
    "ConnectorException",
    "NoConnectorUnitError",
    "SeveralConnectorUnitsError",
    "NoBackendError",
    "BindingError",
    "InvalidDataError",
    "RequestRefusedError",
    "MappingError",
    "NetworkRetryableError",
    "NoExternalId",
    "IDMissingInBackend",
    "ManyIDSInBackend",
    "NothingToDoJob",
    "JobFunctionError",
    "JobError",
    "FailedJobError",
    "RetryableJobError",
    "NoSuchJobError",
    "NotReadableJobError",
    "ChannelNotFound",
]


class ConnectorException(Exception):
    """Base class of the connector's own errors."""


class NoConnectorUnitError(ConnectorException):
    """No :class:`~odoo.addons.connector.connector.ConnectorUnit` matches a
    lookup (base class, model and backend are named in the message)."""


class SeveralConnectorUnitsError(ConnectorException, AssertionError):
    """Several ConnectorUnits match a lookup that must find exactly one.

    The message lists the candidates. It is an ``AssertionError`` too, as the
    legacy framework raised one.
    """


class NoBackendError(ConnectorException, ValueError):
    """No :class:`~odoo.addons.connector.backend.Backend` is registered for a
    service and version (a ``ValueError`` too, as in the legacy framework)."""


class BindingError(ConnectorException, AssertionError):
    """A binder was given something it cannot bind or look up: an empty
    external id, a missing binding, or a record of another model.

    An ``AssertionError`` too, as the legacy ``bind`` used an assertion.
    """


class InvalidDataError(ConnectorException):
    """Data read from or sent to a backend is invalid."""


class RequestRefusedError(ConnectorException):
    """A backend refused a request for a reason a retry will not change
    (an HTTP status 4xx other than 404: a wrong token, missing rights,
    refused data, an unknown path). The message names the backend, the
    request, the model and external id, the status and what the backend
    answered; the job fails.

    .. attribute:: status_code

        The HTTP status of the answer (``None`` when unknown).
    """

    def __init__(self, message, status_code=None):
        super().__init__(message)
        self.status_code = status_code


class MappingError(ConnectorException):
    """A mapping cannot be computed, e.g. a relation has no binding."""


class JobFunctionError(ConnectorException):
    """A job function or method that cannot be declared, enqueued or run:
    a channel outside ``root``, a malformed retry pattern, ``delay`` on a
    function not decorated with ``@job``, a stored job naming a function that
    is no longer decorated or whose addon is not installed. The message
    names the function."""


class NotReadableJobError(JobError):
    """A stored job cannot be read as a 9.0 job (it is not a job of a 9.0
    job function)."""


class NetworkRetryableError(RetryableJobError):
    """A network error: the job is retried later."""


class NoExternalId(RetryableJobError):
    """The record has no external id yet: the job is retried later."""


class IDMissingInBackend(JobError):
    """The external id does not exist (anymore) on the backend."""


class ManyIDSInBackend(JobError):
    """A key expected to be unique was found several times on the backend."""


class NothingToDoJob(JobError):
    """Raised by a job that finds its work already done or pointless: the
    job ends *done*, not failed.

    When a job run by queue_job's runner raises it, the changes the job made
    so far are rolled back and the job is set to done with the exception's
    message as its result (see :mod:`odoo.addons.connector.controllers.main`).
    """
