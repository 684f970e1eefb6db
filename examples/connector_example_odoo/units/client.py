# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The client of the remote Odoo: one unit, chosen by the backend's version.

* :class:`OdooClient`, registered on the service: XML-RPC
  (``/xmlrpc/2/common`` and ``/xmlrpc/2/object``);
* :class:`JsonRpcOdooClient`, registered on the ``18.0-jsonrpc`` version
  only: the same calls over JSON-RPC (``/jsonrpc``).

The backend adapters (:mod:`.backend_adapter`) call
:meth:`OdooClient.execute`; the backend's *Check connection* button calls
:meth:`OdooClient.check_connection`. Both turn what goes wrong into the
connector's exceptions, with a message naming the backend, its URL and
database, and what was being done:

==========================================  ==================================
What happened                               Exception (the job then...)
==========================================  ==================================
connection refused, DNS failure, timeout,   :class:`NetworkRetryableError`
connection dropped, HTTP 5xx                (is retried later)
no Odoo at the URL (HTTP 404, not           :class:`RemoteConfigurationError`
XML-RPC, redirect), unknown database        (fails)
login or password refused                   :class:`RemoteAuthenticationError`
remote user lacks access rights             :class:`RemoteAccessError`
remote refused the data (UserError,         :class:`InvalidDataError`
ValidationError), XML-RPC answer that is
not well-formed XML (a text holding a
character XML cannot carry)
any other remote error                      :class:`RemoteServerError`
==========================================  ==================================

No message names the password: a URL with user info
(``https://user:password@host``) is named without it, and its credentials
are sent as an HTTP basic authentication header.
"""

import base64
import hashlib
import hmac
import http.client
import logging
import os
import re
import ssl
import xmlrpc.client
from urllib.parse import unquote, urlsplit, urlunsplit
from xml.parsers.expat import ExpatError

import requests

from odoo.addons.connector.connector import ConnectorUnit
from odoo.addons.connector.exception import InvalidDataError, NetworkRetryableError

from ..backend import (
    CATEGORY_BINDING,
    PARTNER_BINDING,
    example_odoo,
    example_odoo_18_jsonrpc,
)
from ..exception import (
    RemoteAccessError,
    RemoteAuthenticationError,
    RemoteConfigurationError,
    RemoteServerError,
)

_logger = logging.getLogger(__name__)

__all__ = ["OdooClient", "JsonRpcOdooClient"]

#: Seconds to wait for an answer when the backend does not say.
DEFAULT_TIMEOUT = 30

# Authenticating hashes the password on the remote server (0.6 s of its CPU
# with Odoo 18's 600,000 PBKDF2 rounds): the uid of a (URL, database, login,
# password) is kept for the life of the process. The password itself is not:
# the key holds its HMAC under a random key of the process (see
# _password_fingerprint), useless outside of it.
_UID_CACHE = {}
_FINGERPRINT_KEY = os.urandom(32)

# The last line of a remote traceback when the database is unknown
# (psycopg2's message, not translated).
_MISSING_DATABASE = re.compile(r'database "(?P<name>[^"]*)" does not exist')

# "[Errno 111] Connection refused" in the text of a requests error
_ERRNO_TEXT = re.compile(r"\[Errno -?\d+\] (?P<text>[^'\")]+)")

# What an Odoo server answers for the exceptions of odoo.exceptions, sorted by
# what the connector does about them.
_AUTH, _ACCESS, _DATA, _SERVER = "auth", "access", "data", "server"
_ODOO_EXCEPTION_KINDS = {
    "odoo.exceptions.AccessDenied": _AUTH,
    "odoo.exceptions.AccessError": _ACCESS,
    "odoo.exceptions.UserError": _DATA,
    "odoo.exceptions.ValidationError": _DATA,
    "odoo.exceptions.MissingError": _DATA,
    "odoo.exceptions.RedirectWarning": _DATA,
}
# XML-RPC fault codes of Odoo's /xmlrpc/2 endpoints
_XMLRPC_FAULT_KINDS = {1: _SERVER, 2: _DATA, 3: _AUTH, 4: _ACCESS}


def _password_fingerprint(password):
    """A keyed digest of ``password`` (HMAC-SHA256 under a random key drawn
    when the process starts): equal for equal passwords within the process,
    and neither the password nor a plain hash of it."""
    return hmac.new(
        _FINGERPRINT_KEY, (password or "").encode(), hashlib.sha256
    ).hexdigest()


def _split_user_info(url):
    """``(url, auth)``: ``url`` without its user info, and the ``(user,
    password)`` of that user info (HTTP basic authentication, e.g. for a
    proxy in front of the server), or ``None``.

    The clients send the credentials in a header and put the URL without
    them in every message, so that the errors of the transport (whose texts
    name the URL) cannot carry the password either.
    """
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None
    user_info, __, host = parts.netloc.rpartition("@")
    user, __, password = user_info.partition(":")
    return urlunsplit(parts._replace(netloc=host)), (unquote(user), unquote(password))


class _MalformedXmlRpcAnswer(Exception):
    """An answer declared as XML that is not well-formed XML, e.g. a text
    holding a character that XML 1.0 cannot carry (U+FFFF, a lone
    surrogate...), which Odoo's XML-RPC marshaller sends as it is."""


class _TransportMixin:
    """What both XML-RPC transports add: a timeout on the connections,
    ``headers`` (a list of ``(name, value)``) sent with each request, and
    :class:`_MalformedXmlRpcAnswer` for an XML answer that cannot be
    parsed."""

    def __init__(self, timeout, headers=()):
        super().__init__(headers=headers)
        self.timeout = timeout

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self.timeout
        return connection

    def parse_response(self, response):
        content_type = response.getheader("Content-Type") or ""
        try:
            return super().parse_response(response)
        except ExpatError as err:
            if "xml" in content_type:
                raise _MalformedXmlRpcAnswer(str(err)) from err
            raise


class _TimeoutTransport(_TransportMixin, xmlrpc.client.Transport):
    """The XML-RPC transport over HTTP (see :class:`_TransportMixin`)."""


class _TimeoutSafeTransport(_TransportMixin, xmlrpc.client.SafeTransport):
    """The XML-RPC transport over HTTPS (see :class:`_TransportMixin`)."""


@example_odoo
class OdooClient(ConnectorUnit):
    """The remote Odoo database of the backend, over XML-RPC.

    Built from the backend record's ``location`` (the server's base URL),
    ``database``, ``login``, ``password`` and ``timeout``; the settings are
    read with superuser rights, as they are readable by Connector Managers
    only and the jobs of any user need them.

    The credentials live as long as the unit, one job or one request: no
    message, log line, job argument or result carries the password (nor the
    password of a ``https://user:password@host`` URL, sent as an HTTP basic
    authentication header and left out of :attr:`url`), and the uids kept
    for the process are keyed by a keyed digest of the password, not by the
    password.

    * :meth:`execute` calls a model method (``execute_kw``) as the
      backend's user;
    * :meth:`check_connection` checks each setting in turn and tells
      which one is wrong.

    A version of the backend reaching Odoo another way registers a subclass
    overriding :meth:`_call` (see :class:`JsonRpcOdooClient`).
    """

    _model_name = [PARTNER_BINDING, CATEGORY_BINDING]
    #: How :meth:`check_connection` names the protocol.
    _protocol = "XML-RPC"

    def __init__(self, connector_env):
        super().__init__(connector_env)
        settings = self.backend_record.sudo()
        #: The server's base URL, without user info (the one messages name).
        self.url, self._http_auth = _split_user_info(
            (settings.location or "").strip().rstrip("/")
        )
        self.database = settings.database or ""
        self.login = settings.login or ""
        self._password = settings.password or ""
        self.timeout = settings.timeout or DEFAULT_TIMEOUT

    # -- public API ---------------------------------------------------------

    def describe(self):
        """The backend as messages name it: name, URL and database."""
        return (
            f"backend {self.backend_record.name!r} ({self.url or 'no URL'}, "
            f"database {self.database!r})"
        )

    def version(self, subject="Asking the server version"):
        """The remote server's version information (no login needed):
        ``{"server_serie": "18.0", ...}``."""
        return self._call("common", "version", [], subject)

    def authenticate(self, subject="Logging in", fresh=False):
        """The remote user id of the backend's login (kept for the process).

        :param fresh: log in even when the uid is kept
        :raise RemoteAuthenticationError: when the login or password is
            refused
        """
        key = self._uid_cache_key()
        uid = _UID_CACHE.get(key)
        if uid and not fresh:
            return uid
        uid = self._call(
            "common",
            "authenticate",
            [self.database, self.login, self._password, {}],
            subject,
        )
        if not uid:
            _UID_CACHE.pop(key, None)
            raise RemoteAuthenticationError(
                self._message(
                    subject,
                    f"the login {self.login!r} or its password is refused by the "
                    f"database {self.database!r}",
                )
            )
        _UID_CACHE[key] = uid
        return uid

    def execute(self, model, method, *args, subject=None, **kwargs):
        """Call ``method`` of the remote ``model`` with ``args`` and
        ``kwargs`` as the backend's user, and return its result.

        :param subject: what is being done, for the error messages (e.g.
            ``"Reading external id 7 of example.odoo.res.partner"``)
        :raise NetworkRetryableError: when the server cannot be reached
        :raise RemoteConfigurationError: (or a subclass) when the settings
            are wrong or the user lacks rights
        :raise InvalidDataError: when the remote refuses the data
        :raise RemoteServerError: on another remote error
        """
        subject = subject or f"Calling {model}.{method}"
        uid = self.authenticate(subject)
        params = [self.database, uid, self._password, model, method, list(args)]
        try:
            return self._call("object", "execute_kw", params + [kwargs], subject)
        except RemoteAuthenticationError:
            # the password changed since the uid was kept: log in again next time
            _UID_CACHE.pop(self._uid_cache_key(), None)
            raise

    def check_connection(self):
        """Check the settings one after the other: the URL (an Odoo server
        answers), the database, the login and password, the user's rights
        on partners and categories.

        :return: ``(message, warnings)``: a text saying what was found, and
            a list of warnings (e.g. the remote Odoo is not of the
            backend's version)
        :raise NetworkRetryableError: when the URL cannot be reached
        :raise RemoteConfigurationError: (or a subclass) naming the setting
            that is wrong
        """
        if not self.url:
            raise RemoteConfigurationError(
                self._message("Checking the connection", "no URL is set")
            )
        info = self.version("Reaching the server")
        uid = self.authenticate("Logging in", fresh=True)
        missing = []
        for model, operations in (
            ("res.partner", ("read", "create", "write")),
            ("res.partner.category", ("read", "create")),
        ):
            for operation in operations:
                allowed = self.execute(
                    model,
                    "has_access",
                    [],
                    operation,
                    subject=f"Checking the right to {operation} {model}",
                )
                if not allowed:
                    missing.append(f"{operation} {model}")
        if missing:
            raise RemoteAccessError(
                self._message(
                    "Checking the access rights",
                    f"the user {self.login!r} is not allowed to " + ", ".join(missing),
                )
            )
        serie = info.get("server_serie") or info.get("server_version") or "?"
        message = (
            f"Connected over {self._protocol} to Odoo {serie} at {self.url}, "
            f"database {self.database!r}, as {self.login!r} (remote user id "
            f"{uid}), allowed to read, create and write partners and categories."
        )
        warnings = []
        expected = (self.backend_record.version or "").split("-")[0]
        if expected and serie != expected:
            warnings.append(
                f"the backend's version is {self.backend_record.version}, the "
                f"server runs Odoo {serie}"
            )
        return message, warnings

    # -- transport ----------------------------------------------------------

    def _uid_cache_key(self):
        """The key of this backend's uid in ``_UID_CACHE``."""
        return (
            self._protocol,
            self.url,
            self.database,
            self.login,
            _password_fingerprint(self._password),
        )

    def _basic_auth_header(self):
        """The ``Authorization`` header of the URL's user info, as a list
        of ``(name, value)`` (empty without user info)."""
        if not self._http_auth:
            return []
        user, password = self._http_auth
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        return [("Authorization", f"Basic {token}")]

    def _message(self, subject, problem):
        return f"{subject} on {self.describe()}: {problem}"

    def _check_url(self, subject):
        """Refuse a URL that is not http(s)://host[:port][/path]."""
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RemoteConfigurationError(
                self._message(
                    subject,
                    f"the URL {self.url!r} is not valid: it must look like "
                    "https://odoo.example.com or http://127.0.0.1:8069",
                )
            )

    def _call(self, service, method, args, subject):
        """Call ``method`` of the XML-RPC ``service`` (``common`` or
        ``object``) with ``args``; every failure becomes one of the
        exceptions of the module documentation."""
        self._check_url(subject)
        endpoint = f"{self.url}/xmlrpc/2/{service}"
        transport_class = (
            _TimeoutSafeTransport
            if endpoint.startswith("https:")
            else _TimeoutTransport
        )
        proxy = xmlrpc.client.ServerProxy(
            endpoint,
            transport=transport_class(self.timeout, self._basic_auth_header()),
            allow_none=True,
        )
        try:
            return getattr(proxy, method)(*args)
        except xmlrpc.client.Fault as fault:
            kind = _XMLRPC_FAULT_KINDS.get(fault.faultCode, _SERVER)
            raise self._remote_error(subject, kind, fault.faultString) from fault
        except xmlrpc.client.ProtocolError as err:
            location = err.headers.get("Location") if err.headers else None
            raise self._http_error(
                subject, endpoint, err.errcode, err.errmsg, location
            ) from err
        except _MalformedXmlRpcAnswer as err:
            raise InvalidDataError(
                self._message(
                    subject,
                    f"the XML-RPC answer of {endpoint} is not well-formed XML "
                    f"({err}): a text of the remote data holds a character XML "
                    "cannot carry, correct it there or use JSON-RPC",
                )
            ) from err
        except (xmlrpc.client.ResponseError, ExpatError) as err:
            raise RemoteConfigurationError(
                self._message(
                    subject,
                    f"{endpoint} does not answer {self._protocol} ({err}): is "
                    "it the URL of an Odoo server?",
                )
            ) from err
        except (OSError, http.client.HTTPException) as err:
            raise self._network_error(subject, err) from err

    def _network_error(self, subject, err):
        """The exception for a failure to talk to the server at all:
        retryable, unless what answers does not speak HTTP or its TLS
        certificate is refused (retrying cannot help then)."""
        not_http = isinstance(
            err,
            http.client.BadStatusLine
            | http.client.LineTooLong
            | http.client.UnknownProtocol,
        ) and not isinstance(err, ConnectionError)
        if not_http or isinstance(err, ssl.SSLCertVerificationError):
            return RemoteConfigurationError(
                self._message(
                    subject,
                    f"{self.url} does not answer HTTP as expected "
                    f"({type(err).__name__}: {err}): check the URL",
                )
            )
        if isinstance(err, TimeoutError | requests.Timeout):
            reason = f"no answer within {self.timeout} s"
        else:
            reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
            # requests wraps the socket error in a long text: keep its end
            errno_text = _ERRNO_TEXT.search(reason)
            if errno_text:
                reason = errno_text.group("text")
        return NetworkRetryableError(
            self._message(subject, f"cannot reach {self.url}: {reason}")
        )

    def _http_error(self, subject, endpoint, status, reason, location=None):
        """The exception for an HTTP error status."""
        if status >= 500:
            return NetworkRetryableError(
                self._message(
                    subject,
                    f"{endpoint} answers HTTP {status} {reason}: the server is "
                    "unavailable for now",
                )
            )
        if 300 <= status < 400:
            problem = f"{endpoint} redirects to {location or '?'}: use that URL"
        elif status == 404:
            problem = (
                f"{endpoint} answers HTTP 404: there is no Odoo {self._protocol} "
                "endpoint there, check the URL"
            )
        else:
            problem = f"{endpoint} answers HTTP {status} {reason}: check the URL"
        return RemoteConfigurationError(self._message(subject, problem))

    def _remote_error(self, subject, kind, text):
        """The exception for an error raised by the remote Odoo: ``kind``
        sorts it (see ``_ODOO_EXCEPTION_KINDS``), ``text`` is its message or
        traceback."""
        last_line = (text or "").strip().splitlines()[-1:] or [""]
        last_line = last_line[0].strip()
        if kind == _AUTH:
            return RemoteAuthenticationError(
                self._message(
                    subject,
                    f"the login {self.login!r} or its password is refused by the "
                    f"database {self.database!r}",
                )
            )
        if kind == _ACCESS:
            return RemoteAccessError(
                self._message(
                    subject, f"the user {self.login!r} is not allowed to: {text}"
                )
            )
        if kind == _DATA:
            return InvalidDataError(
                self._message(subject, f"the remote database refused it: {text}")
            )
        missing = _MISSING_DATABASE.search(last_line)
        if missing:
            return RemoteConfigurationError(
                self._message(
                    subject,
                    f"the database {missing.group('name')!r} does not exist on "
                    f"{self.url}",
                )
            )
        return RemoteServerError(
            self._message(subject, f"the remote server failed: {last_line}")
        )


@example_odoo_18_jsonrpc
class JsonRpcOdooClient(OdooClient):
    """The remote Odoo database of the backend, over JSON-RPC (``/jsonrpc``).

    Registered on the ``18.0-jsonrpc`` version only: for its backends, the
    lookup of :class:`OdooClient` finds this class on the version before the
    XML-RPC one on the service. Only the transport differs; the errors are
    the same as over XML-RPC.
    """

    _protocol = "JSON-RPC"

    def _call(self, service, method, args, subject):
        self._check_url(subject)
        endpoint = f"{self.url}/jsonrpc"
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": args},
        }
        try:
            response = requests.post(
                endpoint,
                json=payload,
                timeout=self.timeout,
                allow_redirects=False,
                auth=self._http_auth,
            )
        except requests.RequestException as err:
            if isinstance(err, requests.ConnectionError | requests.Timeout):
                raise self._network_error(subject, err) from err
            raise RemoteConfigurationError(
                self._message(subject, f"{endpoint} cannot be requested: {err}")
            ) from err
        if response.status_code != 200:
            raise self._http_error(
                subject,
                endpoint,
                response.status_code,
                response.reason,
                response.headers.get("Location"),
            )
        try:
            answer = response.json()
        except ValueError as err:
            raise RemoteConfigurationError(
                self._message(
                    subject,
                    f"{endpoint} does not answer {self._protocol} ({err}): is it "
                    "the URL of an Odoo server?",
                )
            ) from err
        if not isinstance(answer, dict) or not (
            "result" in answer or "error" in answer
        ):
            raise RemoteConfigurationError(
                self._message(
                    subject,
                    f"{endpoint} does not answer {self._protocol}: is it the URL "
                    "of an Odoo server?",
                )
            )
        if "error" in answer:
            data = answer["error"].get("data") or {}
            kind = _ODOO_EXCEPTION_KINDS.get(data.get("name"), _SERVER)
            text = data.get("message") or answer["error"].get("message") or ""
            if kind == _SERVER:
                text = data.get("debug") or text
            raise self._remote_error(subject, kind, text)
        return answer["result"]
