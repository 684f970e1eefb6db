# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""An HTTP endpoint on loopback that fails the way servers fail.

Run as a script, it listens on 127.0.0.1 (a free port unless ``--port`` is
given) and writes the port on its first line of output; only the Python
standard library is used. The tests point a backend's URL to
``http://127.0.0.1:<port>/<mode>``; the client then requests
``/<mode>/xmlrpc/2/<service>`` or ``/<mode>/jsonrpc``, and the mode says
what happens:

* ``http404``, ``http503``: that HTTP status;
* ``redirect``: 301 to ``https://odoo.example.com/``;
* ``html``: 200 with an HTML page (not XML-RPC nor JSON-RPC);
* ``drop``: the connection is closed without an answer;
* ``slow``: the answer comes after 11 seconds (Odoo's test framework
  raises the timeouts of ``requests`` below 10 seconds to 10);
* ``odoo17``: an Odoo 17.0 where everything is allowed: ``version``,
  ``authenticate`` (user id 2) and ``execute_kw`` (``True``) succeed;
* ``fault-<kind>``: what Odoo answers when the called method raises, over
  XML-RPC (a fault) or JSON-RPC (an error) as requested, where kind is
  ``auth`` (AccessDenied), ``access`` (AccessError), ``data``
  (ValidationError), ``nodb`` (the database does not exist) or ``bug``
  (any other exception);
* ``data``: an Odoo 18.0 serving the records a test gives it, whatever
  their shape. ``POST /_data`` with a JSON object sets them::

      {"database": "remote_db", "login": "admin", "password": "secret",
       "records": {"res.partner": {"7": {"id": 7, "name": ...}}},
       "search": {"res.partner": [7, 7, "x"]}}

  ``authenticate`` answers user id 2 for that database, login and password
  (``False`` otherwise), ``execute_kw`` with another password faults as
  Odoo does (AccessDenied); ``read`` answers the records stored under the
  ids asked for, as they are; ``search`` answers the ids stored for an
  ``("id", "in", ids)`` domain, else the ``search`` list as it is (once: an
  empty page after it). A value ``{"__datetime__": "20240101T10:00:00"}``
  or ``{"__base64__": "aGk="}`` is sent as an XML-RPC ``dateTime.iso8601``
  or ``base64`` (over JSON-RPC, as that string). Over XML-RPC, control
  characters are removed from the texts as Odoo's marshaller does, and
  ``None`` is sent as ``<nil/>``. With ``"http_auth": ["user",
  "password"]``, a request without that HTTP basic authentication gets
  HTTP 401.
"""

import argparse
import base64
import json
import sys
import threading
import time
import xmlrpc.client
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TRACEBACK = "Traceback (most recent call last):\n  File ...\n{}\n"
FAULTS = {
    # kind: (XML-RPC fault code, JSON-RPC exception name, message)
    "auth": (3, "odoo.exceptions.AccessDenied", "Access Denied"),
    "access": (
        4,
        "odoo.exceptions.AccessError",
        "You are not allowed to modify 'Contact' (res.partner) records.",
    ),
    "data": (2, "odoo.exceptions.ValidationError", "Contacts require a name"),
    "nodb": (
        1,
        "psycopg2.OperationalError",
        'psycopg2.OperationalError: connection to server at "localhost" failed: '
        'FATAL:  database "nodb" does not exist',
    ),
    "bug": (1, "builtins.ZeroDivisionError", "ZeroDivisionError: division by zero"),
}


# what Odoo's XML-RPC marshaller removes from texts: control characters but
# tab, newline and carriage return
CONTROL_CHARACTERS = dict.fromkeys(set(range(32)) - {9, 10, 13})

# the data of the "data" mode (see the module documentation)
DATA = {
    "database": "",
    "login": "",
    "password": "",
    "http_auth": None,
    "records": {},
    "search": {},
}
DATA_LOCK = threading.Lock()


def _decode_tags(value):
    """A value of ``POST /_data`` with its tagged objects as XML-RPC
    types."""
    if isinstance(value, dict):
        if set(value) == {"__datetime__"}:
            return xmlrpc.client.DateTime(value["__datetime__"])
        if set(value) == {"__base64__"}:
            return xmlrpc.client.Binary(base64.b64decode(value["__base64__"]))
        return {key: _decode_tags(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode_tags(item) for item in value]
    return value


def _json_default(value):
    """The JSON-RPC form of the XML-RPC types of ``_decode_tags``."""
    if isinstance(value, xmlrpc.client.DateTime):
        return value.value
    if isinstance(value, xmlrpc.client.Binary):
        return base64.b64encode(value.data).decode()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _odoo_texts(value):
    """``value`` with the control characters removed from its texts, as
    Odoo's XML-RPC marshaller sends them."""
    if isinstance(value, str):
        return value.translate(CONTROL_CHARACTERS)
    if isinstance(value, dict):
        return {_odoo_texts(key): _odoo_texts(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_odoo_texts(item) for item in value]
    return value


class Handler(BaseHTTPRequestHandler):
    """Answers according to the first segment of the path (the mode)."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 (signature of the base)
        """Quiet."""

    def _send(self, status, body=b"", content_type="text/plain", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        parts = [part for part in self.path.split("/") if part]
        mode = parts[0] if parts else ""
        is_json = parts[-1:] == ["jsonrpc"]
        if mode == "_data":
            data = _decode_tags(json.loads(body))
            with DATA_LOCK:
                DATA.update(data)
            return self._send(204)
        if mode == "data":
            return self._answer_data(body, is_json)
        if mode == "http404":
            return self._send(404, b"Not Found")
        if mode == "http503":
            return self._send(503, b"Service Unavailable")
        if mode == "redirect":
            return self._send(301, headers=[("Location", "https://odoo.example.com/")])
        if mode == "html":
            return self._send(200, b"<html><body>Hello</body></html>", "text/html")
        if mode == "drop":
            self.close_connection = True
            return None
        if mode == "slow":
            time.sleep(11)
            return self._send(200, b"late")
        if mode == "odoo17":
            return self._answer(is_json, self._odoo17(body, is_json))
        if mode.startswith("fault-") and mode[6:] in FAULTS:
            code, name, message = FAULTS[mode[6:]]
            text = TRACEBACK.format(message) if code == 1 else message
            if is_json:
                error = {
                    "code": 200,
                    "message": "Odoo Server Error",
                    "data": {"name": name, "message": message, "debug": text},
                }
                body = json.dumps({"jsonrpc": "2.0", "id": None, "error": error})
                return self._send(200, body.encode(), "application/json")
            body = xmlrpc.client.dumps(xmlrpc.client.Fault(code, text))
            return self._send(200, body.encode(), "text/xml")
        return self._send(404, b"unknown mode")

    @staticmethod
    def _odoo17(body, is_json):
        if is_json:
            method = json.loads(body)["params"]["method"]
        else:
            method = xmlrpc.client.loads(body)[1]
        if method == "version":
            return {"server_version": "17.0", "server_serie": "17.0"}
        if method == "authenticate":
            return 2
        return True

    def _answer(self, is_json, result):
        if is_json:
            body = json.dumps(
                {"jsonrpc": "2.0", "id": None, "result": result}, default=_json_default
            )
            return self._send(200, body.encode(), "application/json")
        body = xmlrpc.client.dumps(
            (_odoo_texts(result),), methodresponse=True, allow_none=True
        )
        # lone surrogates as they are: the client finds the answer malformed
        return self._send(200, body.encode("utf-8", "surrogatepass"), "text/xml")

    def _fault(self, is_json, kind):
        code, name, message = FAULTS[kind]
        if is_json:
            error = {
                "code": 200,
                "message": "Odoo Server Error",
                "data": {"name": name, "message": message, "debug": message},
            }
            body = json.dumps({"jsonrpc": "2.0", "id": None, "error": error})
            return self._send(200, body.encode(), "application/json")
        body = xmlrpc.client.dumps(xmlrpc.client.Fault(code, message))
        return self._send(200, body.encode(), "text/xml")

    def _answer_data(self, body, is_json):
        """The "data" mode: an Odoo serving :data:`DATA`."""
        if is_json:
            params = json.loads(body)["params"]
            method, args = params["method"], params["args"]
        else:
            args, method = xmlrpc.client.loads(body)
        with DATA_LOCK:
            data = dict(DATA)
        if data["http_auth"]:
            token = base64.b64encode(":".join(data["http_auth"]).encode()).decode()
            if self.headers.get("Authorization") != f"Basic {token}":
                return self._send(401, b"Unauthorized")
        if method == "version":
            return self._answer(
                is_json, {"server_version": "18.0", "server_serie": "18.0"}
            )
        credentials = (data["database"], data["login"], data["password"])
        if method == "authenticate":
            return self._answer(is_json, 2 if tuple(args[:3]) == credentials else False)
        database, __, password, model, name, call_args = args[:6]
        if (database, password) != (data["database"], data["password"]):
            return self._fault(is_json, "auth")
        records = data["records"].get(model, {})
        if name == "read":
            found = [records[str(i)] for i in call_args[0] if str(i) in records]
            return self._answer(is_json, found)
        if name == "search":
            domain = call_args[0]
            for leaf in domain:
                if list(leaf[:2]) == ["id", "in"]:
                    return self._answer(
                        is_json, [i for i in leaf[2] if str(i) in records]
                    )
            after = [leaf[2] for leaf in domain if list(leaf[:2]) == ["id", ">"]]
            if after and after[0]:
                return self._answer(is_json, [])
            return self._answer(is_json, data["search"].get(model, []))
        if name == "search_read":
            # the latest change, read by batch imports: the records' own dates
            dated = [r for r in records.values() if isinstance(r, dict)]
            dated = [r for r in dated if isinstance(r.get("write_date"), str)]
            dated.sort(key=lambda r: r["write_date"], reverse=True)
            return self._answer(
                is_json,
                [{"id": r.get("id"), "write_date": r["write_date"]} for r in dated[:1]],
            )
        return self._answer(is_json, True)


def main(argv=None):
    """Serve until killed, after writing the port on the first line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    sys.stdout.write(f"{server.server_address[1]}\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
