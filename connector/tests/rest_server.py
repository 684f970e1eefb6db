# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A REST/JSON record store on loopback: the remote system of connector
tests (see :class:`~odoo.addons.connector.tests.common.RestServer`).

Run as a script (standard library only), it listens on 127.0.0.1, on a free
port unless ``--port`` is given, and writes the port on its first line of
output.

The API, for any collection name:

* ``GET /<collection>?key=value``: the JSON list of the records whose
  ``key`` equals ``value`` (compared as text), by id;
* ``GET /<collection>/<id>``: the record, 404 if unknown;
* ``POST /<collection>``: create (body: the values, ``id`` optional),
  answers the record with status 201;
* ``PUT`` or ``PATCH /<collection>/<id>``: merge the body into the record,
  answers it; 404 if unknown;
* ``DELETE /<collection>/<id>``: 204, or 404 if unknown.

Records get ``updated_at`` (UTC, ``YYYY-MM-DD HH:MM:SS``) on each write
through the API.

Administration, for the tests (never logged, never faulted):

* ``POST /_admin/reset``;
* ``POST /_admin/records/<collection>``: a list of records (with ``id``)
  stored as given; ``GET /_admin/records/<collection>``: ``{id: record}``;
* ``POST /_admin/faults``: ``{"method", "path", "action", "count",
  "seconds"}``: the next ``count`` matching requests are dropped
  (``drop``), answered with an HTML page (``html``), answered after
  ``seconds`` (``slow``) or with that status (a number);
* ``POST /_admin/token``: ``{"token": "..."}``: API requests without
  ``Authorization: Bearer <token>`` are refused with 401 (``null``: none);
* ``GET /_admin/log``: the API requests received (method, path, query,
  headers, body).
"""

import argparse
import json
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>Maintenance</title></head>"
    b"<body><h1>We will be back soon</h1></body></html>"
)


class Store:
    """The records, pending faults, required token and request log."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        """Forget everything."""
        self.collections = {}
        self.faults = []
        self.log = []
        self.token = None
        self.next_id = 1

    def take_fault(self, method, path):
        """The first pending fault matching the request (counted down)."""
        for fault in self.faults:
            if fault["method"] == method and fault["path"] == path:
                fault["count"] -= 1
                if fault["count"] <= 0:
                    self.faults.remove(fault)
                return fault
        return None


STORE = Store()


def _now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


class Handler(BaseHTTPRequestHandler):
    """Serves the API of the module documentation from :data:`STORE`."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 (signature of the base)
        """Quiet: the tests read the log through ``/_admin/log``."""

    def _send(self, status, payload=None, body=None, content_type=None):
        if body is None:
            body = b"" if payload is None else json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type or "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if not length:
            return None
        raw = self.rfile.read(length).decode("utf-8")
        try:
            return json.loads(raw)
        except ValueError:
            return raw

    def _handle(self, method):
        url = urlsplit(self.path)
        parts = [part for part in url.path.split("/") if part]
        body = self._body()
        if parts and parts[0] == "_admin":
            with STORE.lock:
                return self._admin(method, parts[1:], body)
        with STORE.lock:
            STORE.log.append(
                {
                    "method": method,
                    "path": url.path,
                    "query": dict(parse_qsl(url.query)),
                    "headers": dict(self.headers.items()),
                    "body": body,
                }
            )
            fault = STORE.take_fault(method, url.path)
            token = STORE.token
        action = fault and fault["action"]
        if action == "drop":
            self.close_connection = True
            return None
        if action == "html":
            return self._send(200, body=HTML_PAGE, content_type="text/html")
        if action == "slow":
            time.sleep(float(fault["seconds"]))
        elif action is not None:
            return self._send(int(action), {"error": "injected fault"})
        if token and self.headers.get("Authorization") != f"Bearer {token}":
            return self._send(401, {"error": "missing or wrong token"})
        with STORE.lock:
            return self._api(method, parts, dict(parse_qsl(url.query)), body)

    def _admin(self, method, parts, body):
        if method == "POST" and parts == ["reset"]:
            STORE.reset()
            return self._send(204)
        if len(parts) == 2 and parts[0] == "records":
            records = STORE.collections.setdefault(parts[1], {})
            if method == "GET":
                return self._send(200, records)
            for record in body or []:
                records[str(record["id"])] = record
            return self._send(204)
        if method == "POST" and parts == ["faults"]:
            STORE.faults.append(dict({"count": 1, "action": "drop"}, **body))
            return self._send(204)
        if method == "POST" and parts == ["token"]:
            STORE.token = body.get("token")
            return self._send(204)
        if method == "GET" and parts == ["log"]:
            return self._send(200, STORE.log)
        return self._send(404, {"error": "unknown admin request"})

    def _api(self, method, parts, query, body):
        if not parts or len(parts) > 2:
            return self._send(404, {"error": "unknown path"})
        records = STORE.collections.setdefault(parts[0], {})
        if len(parts) == 1:
            if method == "GET":
                found = [
                    record
                    for record in records.values()
                    if all(str(record.get(k)) == v for k, v in query.items())
                ]
                return self._send(200, found)
            if method == "POST":
                if not isinstance(body, dict):
                    return self._send(400, {"error": "a JSON object is expected"})
                if "id" not in body:
                    body["id"] = STORE.next_id
                    STORE.next_id += 1
                body.setdefault("updated_at", _now())
                records[str(body["id"])] = body
                return self._send(201, body)
            return self._send(405, {"error": "method not allowed"})
        record = records.get(parts[1])
        if record is None:
            return self._send(404, {"error": f"no {parts[0]} {parts[1]}"})
        if method == "GET":
            return self._send(200, record)
        if method in ("PUT", "PATCH"):
            if not isinstance(body, dict):
                return self._send(400, {"error": "a JSON object is expected"})
            record.update(body)
            if "updated_at" not in body:
                record["updated_at"] = _now()
            return self._send(200, record)
        if method == "DELETE":
            del records[parts[1]]
            return self._send(204)
        return self._send(405, {"error": "method not allowed"})

    def do_GET(self):
        """Serve a GET request."""
        self._handle("GET")

    def do_POST(self):
        """Serve a POST request."""
        self._handle("POST")

    def do_PUT(self):
        """Serve a PUT request."""
        self._handle("PUT")

    def do_PATCH(self):
        """Serve a PATCH request."""
        self._handle("PATCH")

    def do_DELETE(self):
        """Serve a DELETE request."""
        self._handle("DELETE")


def main():
    """Listen, print the port, serve until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    sys.stdout.write(f"{server.server_address[1]}\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
