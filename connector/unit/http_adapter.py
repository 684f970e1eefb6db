# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""HTTP adapters: backend adapters for REST/JSON services, on ``requests``.

:class:`HTTPAdapter` is a
:class:`~odoo.addons.connector.unit.backend_adapter.CRUDAdapter` that
talks JSON over HTTP: a connector gives it the backend's URL and
credentials, and for a REST collection (``GET /customers``, ``GET
/customers/7``, ``POST /customers``, ``PUT /customers/7``, ``DELETE
/customers/7``), the collection's name::

    @shop
    class CustomerAdapter(HTTPAdapter):
        _model_name = "shop.res.partner"
        _collection = "customers"

        def _auth_headers(self):
            return {"Authorization": f"Bearer {self.backend_record.token}"}

Other APIs override the CRUD methods with the JSON helpers
(:meth:`HTTPAdapter._get`, ``_post``, ``_put``, ``_patch``, ``_delete``)::

        def search(self, filters=None):
            answer = self._get("customers/search", params=filters)
            return [str(item["ref"]) for item in answer["items"]]

What a request's failure becomes, so that the jobs react the right way
(the exceptions of :mod:`~odoo.addons.connector.exception`):

* no connection, no answer in time, a connection dropped, an HTTP 5xx:
  ``NetworkRetryableError`` (the job is retried later);
* an HTTP 404: ``IDMissingInBackend``;
* another HTTP 4xx: ``RequestRefusedError`` (the job fails);
* an answer that is not JSON (an HTML page...) or not of the expected
  shape: ``InvalidDataError``;
* no URL to go to (no ``location``, a malformed one):
  ``ConnectorException``.

Each message names the backend, the request (method and URL), the model
and the external id involved. Reads (``GET``, ``HEAD``) are tried again
before giving up (:attr:`HTTPAdapter._read_retries`); writes never, since a
write whose answer was lost may have been done.

The credentials never appear in a message or a log line: the values of
:meth:`HTTPAdapter._auth_headers`, of :meth:`HTTPAdapter._auth` and the
password of a URL's user info are replaced by ``***`` wherever they would,
and URLs are named without their user info.
"""

import logging
import re
import threading
import time
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import requests

from ..exception import (
    ConnectorException,
    IDMissingInBackend,
    InvalidDataError,
    NetworkRetryableError,
    RequestRefusedError,
)
from .backend_adapter import CRUDAdapter

_logger = logging.getLogger(__name__)

__all__ = ["HTTPAdapter"]

#: The methods tried again after a network failure or an HTTP 5xx: they
#: change nothing on the backend.
IDEMPOTENT_READS = ("GET", "HEAD")

# One requests session (its connection pool, its cookies) per thread and
# backend record: a session is not meant to be shared between threads, and
# the cookies of one backend must not go to another on the same host.
_SESSIONS = threading.local()

REDACTED = "***"


def _session(backend_record):
    """The requests session of this thread for ``backend_record``."""
    sessions = getattr(_SESSIONS, "sessions", None)
    if sessions is None:
        sessions = _SESSIONS.sessions = {}
    key = (backend_record._name, backend_record.id)
    if key not in sessions:
        sessions[key] = requests.Session()
    return sessions[key]


def _without_userinfo(url):
    """``url`` without the user and password of its network location."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _network_reason(err):
    """A short reason for a network failure, without URL (requests' own
    messages repeat the URL and its query)."""
    text = str(err)
    match = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", text)
    if match:
        return match.group(1).strip()
    if "RemoteDisconnected" in text or "Connection aborted" in text:
        return "the server closed the connection without answering"
    return type(err).__name__


class HTTPAdapter(CRUDAdapter):
    """A backend adapter for a REST/JSON service (see the module
    documentation).

    Hooks, all optional:

    * :meth:`_base_url`: the service's URL (default: the backend record's
      ``location`` field);
    * :meth:`_auth_headers` (e.g. a bearer token), :meth:`_auth` (a
      ``requests`` authentication, e.g. ``(login, password)``) and
      :meth:`_headers`;
    * :meth:`_request_timeout` (default: the backend record's ``timeout``
      field when it has one, else :attr:`_timeout`).

    .. attribute:: _collection

        The path of the model's records, relative to the base URL
        (``"customers"``), used by the default CRUD methods.

    .. attribute:: _timeout

        Seconds to wait for an answer (default 30).

    .. attribute:: _read_retries

        How many times a ``GET`` or ``HEAD`` is tried again after a network
        failure or an HTTP 5xx (default 2), waiting
        :attr:`_retry_delay` seconds before the first retry (default 0.5),
        twice as long before each next one.

    .. attribute:: _write_method

        The method of :meth:`write`: ``"PUT"`` (default) or ``"PATCH"``.

    .. attribute:: _id_key

        The key of a record's id in the backend's answers (``"id"``).
    """

    _model_name = None
    _collection = None
    _timeout = 30
    _read_retries = 2
    _retry_delay = 0.5
    _write_method = "PUT"
    _id_key = "id"

    # the backend's operations, not the ORM methods of the same names
    # pylint: disable=method-required-super

    # --- settings ---------------------------------------------------------

    def _base_url(self):
        """The URL the request paths are relative to: by default, the
        ``location`` field of the backend record.

        :raise ConnectorException: when there is none, or it is not an
            ``http(s)://`` URL
        """
        record = self.backend_record
        if "location" not in record._fields:
            raise ConnectorException(
                f"{type(self).__name__} of {self.model._name}: the backend model "
                f"{record._name} has no location field; override _base_url()"
            )
        url = (record.location or "").strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            shown = _without_userinfo(url)
            raise ConnectorException(
                f"Backend {self._describe_backend()}: its URL {shown!r} is not an "
                "http:// or https:// URL"
            )
        return url

    def _auth_headers(self):
        """Headers carrying the credentials (``{"Authorization": "Bearer
        ..."}``); their values are never shown in messages or logs."""
        return {}

    def _auth(self):
        """A ``requests`` authentication (``(login, password)`` for HTTP
        basic authentication, or an ``AuthBase``), or ``None``."""
        return None

    def _headers(self):
        """The headers of every request: JSON, and :meth:`_auth_headers`."""
        return {"Accept": "application/json", **self._auth_headers()}

    def _request_timeout(self):
        """Seconds to wait for an answer: the backend record's ``timeout``
        field when it has a positive one, else :attr:`_timeout`."""
        record = self.backend_record
        if "timeout" in record._fields and record.timeout and record.timeout > 0:
            return record.timeout
        return self._timeout

    # --- messages ---------------------------------------------------------

    def _secrets(self):
        """The texts never to show: the values of the credentials."""
        secrets = []
        for value in self._auth_headers().values():
            value = str(value)
            secrets.append(value)
            scheme, __, token = value.partition(" ")
            if token and scheme.isalpha():
                secrets.append(token)
        auth = self._auth()  # pylint: disable=assignment-from-none
        if isinstance(auth, tuple | list):
            secrets.extend(str(part) for part in auth[1:])
        try:
            password = urlsplit(self._base_url()).password
        except (ConnectorException, ValueError):
            password = None
        if password:
            secrets += [password, unquote(password)]
        # longest first: a token is replaced before a part of it
        return sorted({s for s in secrets if len(s) >= 3}, key=len, reverse=True)

    def _redact(self, text):
        """``text`` with every credential replaced by ``***``."""
        text = str(text)
        for secret in self._secrets():
            text = text.replace(secret, REDACTED)
        return text

    def _describe_backend(self):
        """How messages name the backend record: model, id and name."""
        record = self.backend_record
        return f"{record._name}({record.id}) {record.name!r}"

    def _describe(self, method, url, external_id=None):
        """How messages name a request: method, URL (without user info),
        model, external id and backend."""
        what = self.model._name
        if external_id is not None:
            what = f"external id {str(external_id)!r} of {what}"
        return (
            f"{method} {_without_userinfo(url)} ({what}, backend "
            f"{self._describe_backend()})"
        )

    def _answer_excerpt(self, response, size=200):
        """The start of an answer's body, on one line, redacted."""
        text = " ".join((response.text or "").split())
        if len(text) > size:
            text = text[:size] + "..."
        return self._redact(text)

    # --- requests ---------------------------------------------------------

    def _url(self, path):
        """The URL of ``path`` (relative to :meth:`_base_url`), without the
        user info of the base URL (see :meth:`_request_auth`)."""
        base = _without_userinfo(self._base_url())
        return f"{base.rstrip('/')}/{str(path).lstrip('/')}"

    def _request_auth(self, headers):
        """The authentication of a request: :meth:`_auth`, else the user
        and password of the base URL's user info as HTTP basic
        authentication, unless ``headers`` carry an ``Authorization``."""
        auth = self._auth()  # pylint: disable=assignment-from-none
        if auth is not None or "Authorization" in headers:
            return auth
        parts = urlsplit(self._base_url())
        if parts.username is None:
            return None
        return (unquote(parts.username), unquote(parts.password or ""))

    def _id_path(self, external_id):
        """The path of one record of :attr:`_collection`."""
        return f"{self._collection_path()}/{quote(str(external_id), safe='')}"

    def _collection_path(self):
        """:attr:`_collection`, which the default CRUD methods need."""
        if not self._collection:
            raise NotImplementedError(
                f"{type(self).__name__} (adapter of {self.model._name} for "
                f"{self.backend}) has no _collection: set it, or implement the "
                "CRUD methods with _get/_post/_put/_delete"
            )
        return self._collection

    def _request(self, method, path, params=None, json=None, external_id=None):
        """Send a request and return the ``requests.Response`` of a
        success (a status below 400), mapping the failures (see the module
        documentation).

        :param method: ``"GET"``, ``"POST"``...
        :param path: relative to :meth:`_base_url`
        :param params: the query's parameters
        :param json: the body, sent as JSON
        :param external_id: the external id the request is about, for the
            messages
        """
        url = self._url(path)
        where = self._describe(method, url, external_id)
        timeout = self._request_timeout()
        tries = 1 + (self._read_retries if method in IDEMPOTENT_READS else 0)
        for attempt in range(tries):
            if attempt:
                time.sleep(self._retry_delay * 2 ** (attempt - 1))
            headers = self._headers()
            try:
                response = _session(self.backend_record).request(
                    method,
                    url,
                    params=params,
                    json=json,
                    headers=headers,
                    auth=self._request_auth(headers),
                    timeout=timeout,
                )
            except requests.Timeout:
                failure = f"no answer within {timeout} seconds"
            except requests.ConnectionError as err:
                failure = f"cannot reach the server: {_network_reason(err)}"
            except requests.RequestException as err:
                raise ConnectorException(
                    f"{where}: the request cannot be sent: {type(err).__name__}: "
                    f"{self._redact(_without_userinfo(str(err)))}"
                ) from None
            else:
                if response.status_code < 500:
                    return self._check_status(response, where, external_id)
                failure = (
                    f"server error HTTP {response.status_code}: "
                    f"{self._answer_excerpt(response)}"
                )
            _logger.info("%s: %s (try %d of %d)", where, failure, attempt + 1, tries)
        if tries > 1:
            failure += f" ({tries} tries)"
        raise NetworkRetryableError(f"{where}: {failure}")

    def _check_status(self, response, where, external_id):
        """``response`` when its status is a success, else the exception
        of its status (404, other 4xx)."""
        status = response.status_code
        if status == 404:
            raise IDMissingInBackend(f"{where}: not found (HTTP 404)")
        if status >= 400:
            raise RequestRefusedError(
                f"{where}: refused with HTTP {status}: "
                f"{self._answer_excerpt(response) or '(empty answer)'}",
                status_code=status,
            )
        return response

    def _decode(self, response, where):
        """The JSON of an answer (``None`` when empty).

        :raise InvalidDataError: when it is not JSON
        """
        if not response.content:
            return None
        content_type = response.headers.get("Content-Type", "")
        try:
            if "json" not in content_type:
                raise ValueError(content_type)
            return response.json()
        except ValueError:
            redirected = ""
            if response.history:
                redirected = ", redirected to " + self._redact(
                    _without_userinfo(response.url)
                )
            raise InvalidDataError(
                f"{where}: the answer is not JSON (HTTP {response.status_code}, "
                f"Content-Type {content_type or 'none'!r}{redirected}): "
                f"{self._answer_excerpt(response, size=80)}"
            ) from None

    def _call(self, method, path, params=None, json=None, external_id=None):
        """Send a request; return its JSON answer (``None`` when empty).
        Failures are mapped as :meth:`_request` does; an answer that is not
        JSON raises :class:`~odoo.addons.connector.exception.InvalidDataError`.
        """
        response = self._request(
            method, path, params=params, json=json, external_id=external_id
        )
        where = self._describe(method, self._url(path), external_id)
        return self._decode(response, where)

    def _get(self, path, params=None, external_id=None):
        """``GET path``: its JSON answer (tried again on network failures)."""
        return self._call("GET", path, params=params, external_id=external_id)

    def _post(self, path, data, external_id=None):
        """``POST path`` with ``data`` as JSON: the JSON answer."""
        return self._call("POST", path, json=data, external_id=external_id)

    def _put(self, path, data, external_id=None):
        """``PUT path`` with ``data`` as JSON: the JSON answer."""
        return self._call("PUT", path, json=data, external_id=external_id)

    def _patch(self, path, data, external_id=None):
        """``PATCH path`` with ``data`` as JSON: the JSON answer."""
        return self._call("PATCH", path, json=data, external_id=external_id)

    def _delete(self, path, external_id=None):
        """``DELETE path``: the JSON answer (usually ``None``)."""
        return self._call("DELETE", path, external_id=external_id)

    def _invalid(self, method, path, external_id, what):
        """The error of an answer of an unexpected shape."""
        return InvalidDataError(
            f"{self._describe(method, self._url(path), external_id)}: {what}"
        )

    # --- CRUD over _collection ----------------------------------------------

    def search(self, filters=None):
        """``GET <collection>?filters``: the external ids (as text) of the
        records answered, a JSON list of records (or of ids)."""
        path = self._collection_path()
        answer = self._get(path, params=filters)
        if not isinstance(answer, list):
            raise self._invalid("GET", path, None, "a JSON list is expected")
        return [
            str(item[self._id_key] if isinstance(item, dict) else item)
            for item in answer
        ]

    def search_read(self, filters=None):
        """``GET <collection>?filters``: the records answered (dicts)."""
        path = self._collection_path()
        answer = self._get(path, params=filters)
        if not isinstance(answer, list) or not all(
            isinstance(item, dict) for item in answer
        ):
            raise self._invalid("GET", path, None, "a JSON list of objects is expected")
        return answer

    def read(self, external_id):
        """``GET <collection>/<id>``: the record (a dict).

        :raise IDMissingInBackend: when the backend answers 404
        """
        path = self._id_path(external_id)
        record = self._get(path, external_id=external_id)
        if not isinstance(record, dict):
            raise self._invalid("GET", path, external_id, "a JSON object is expected")
        return record

    def create(self, data):
        """``POST <collection>`` with ``data``: the external id (as text)
        the backend answers in :attr:`_id_key`."""
        path = self._collection_path()
        answer = self._post(path, data)
        if not isinstance(answer, dict) or answer.get(self._id_key) in (None, ""):
            raise self._invalid(
                "POST", path, None, f"the answer has no {self._id_key!r}"
            )
        return str(answer[self._id_key])

    def write(self, external_id, data):
        """``PUT`` (or :attr:`_write_method`) ``<collection>/<id>`` with
        ``data``: the JSON answer."""
        return self._call(
            self._write_method,
            self._id_path(external_id),
            json=data,
            external_id=external_id,
        )

    def delete(self, external_id):
        """``DELETE <collection>/<id>``."""
        return self._delete(self._id_path(external_id), external_id=external_id)
