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
  (any other exception).
"""

import argparse
import json
import sys
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
            body = json.dumps({"jsonrpc": "2.0", "id": None, "result": result})
            return self._send(200, body.encode(), "application/json")
        body = xmlrpc.client.dumps((result,), methodresponse=True)
        return self._send(200, body.encode(), "text/xml")


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
