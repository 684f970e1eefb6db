# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A small JSON record store over HTTP: the "backend" of the sync tests.

Run as a script, it listens on 127.0.0.1 (on a free port unless ``--port``
is given) and writes the port on its first line of output. Only the Python
standard library is used, so the tests start it with the interpreter
running Odoo.

The API, for every collection name (``partners``, ``categories``...):

* ``GET /<collection>?key=value``: ``{"ids": [...]}`` of the records whose
  ``key`` equals ``value`` (every record without filter);
* ``GET /<collection>/<id>``: the record, 404 if unknown;
* ``POST /<collection>``: create (body: the values, ``id`` optional),
  answers ``{"id": ...}`` with status 201;
* ``PUT /<collection>/<id>``: update (merge), 404 if unknown;
* ``DELETE /<collection>/<id>``: delete, 204, or 404 if unknown.

Records get ``updated_at`` (UTC, ``YYYY-MM-DD HH:MM:SS``) on each write,
unless the body gives it. An ``email`` already used by another record of the
collection is refused with status 409.

Administration, for the tests (not logged):

* ``POST /_admin/reset``: forget every record, fault and logged request;
* ``POST /_admin/records/<collection>``: store a record as given (its
  ``id`` is required), without checks;
* ``POST /_admin/faults``: ``{"method": "GET", "path": "/partners/1",
  "action": "drop" | <status>, "count": 1}``: the next ``count`` matching
  requests have their connection closed without answer (``drop``) or get
  that status;
* ``GET /_admin/log``: ``{"requests": ["GET /partners/1", ...]}``.
"""

import argparse
import json
import sys
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


class Store:
    """The records, the pending faults and the request log."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.collections = {}
        self.faults = []
        self.log = []
        self.next_id = 1

    def take_fault(self, method, path):
        """The action of the first pending fault matching the request."""
        for fault in self.faults:
            if fault["method"] == method and fault["path"] == path:
                fault["count"] -= 1
                if fault["count"] <= 0:
                    self.faults.remove(fault)
                return fault["action"]
        return None


STORE = Store()


def _now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


class Handler(BaseHTTPRequestHandler):
    """Serves the API of the module documentation from :data:`STORE`."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 (signature of the base)
        """Quiet: the tests read the log through ``/_admin/log``."""

    def _send(self, status, payload=None):
        body = b"" if payload is None else json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if not length:
            return {}
        return json.loads(self.rfile.read(length).decode("utf-8"))

    def _handle(self, method):
        url = urlsplit(self.path)
        parts = [part for part in url.path.split("/") if part]
        body = self._body() if method in ("POST", "PUT") else {}
        with STORE.lock:
            if parts and parts[0] == "_admin":
                return self._admin(method, parts[1:], body)
            STORE.log.append(f"{method} {url.path}")
            action = STORE.take_fault(method, url.path)
            if action == "drop":
                self.close_connection = True
                return None
            if action is not None:
                return self._send(int(action), {"error": "injected fault"})
            return self._api(method, parts, dict(parse_qsl(url.query)), body)

    def _admin(self, method, parts, body):
        if method == "POST" and parts == ["reset"]:
            STORE.reset()
            return self._send(204)
        if method == "POST" and len(parts) == 2 and parts[0] == "records":
            STORE.collections.setdefault(parts[1], {})[str(body["id"])] = body
            return self._send(204)
        if method == "POST" and parts == ["faults"]:
            STORE.faults.append(dict({"count": 1, "action": "drop"}, **body))
            return self._send(204)
        if method == "GET" and parts == ["log"]:
            return self._send(200, {"requests": list(STORE.log)})
        return self._send(404, {"error": "unknown admin request"})

    def _api(self, method, parts, query, body):
        if not parts or len(parts) > 2:
            return self._send(404, {"error": "unknown path"})
        records = STORE.collections.setdefault(parts[0], {})
        if len(parts) == 1:
            if method == "GET":
                ids = [
                    record["id"]
                    for record in records.values()
                    if all(str(record.get(k)) == v for k, v in query.items())
                ]
                return self._send(200, {"ids": ids})
            if method == "POST":
                if self._email_taken(records, body):
                    return self._send(409, {"error": "email already used"})
                if "id" not in body:
                    body["id"] = STORE.next_id
                    STORE.next_id += 1
                body.setdefault("updated_at", _now())
                records[str(body["id"])] = body
                return self._send(201, {"id": body["id"]})
            return self._send(405, {"error": "method not allowed"})
        record = records.get(parts[1])
        if record is None:
            return self._send(404, {"error": f"{parts[0]}/{parts[1]} not found"})
        if method == "GET":
            return self._send(200, record)
        if method == "PUT":
            if self._email_taken(records, body, record["id"]):
                return self._send(409, {"error": "email already used"})
            body.setdefault("updated_at", _now())
            record.update(body, id=record["id"])
            return self._send(200, record)
        if method == "DELETE":
            del records[parts[1]]
            return self._send(204)
        return self._send(405, {"error": "method not allowed"})

    @staticmethod
    def _email_taken(records, body, record_id=None):
        email = body.get("email")
        return bool(email) and any(
            other.get("email") == email and other["id"] != record_id
            for other in records.values()
        )

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_PUT(self):
        self._handle("PUT")

    def do_DELETE(self):
        self._handle("DELETE")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    sys.stdout.write(f"{server.server_address[1]}\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
