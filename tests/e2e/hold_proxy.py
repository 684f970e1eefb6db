"""An HTTP proxy on loopback in front of a remote Odoo, which can lose the
answer of a creation.

Run as ``hold_proxy.py TARGET_URL HOLD_DIR``: it listens on a free port of
127.0.0.1, prints the port on its first line of output, and forwards every
request to ``TARGET_URL`` (same path, body and content type), returning the
answer. While the file ``HOLD_DIR/hold`` exists, the first call of the
remote method ``load`` (how the example connector creates records) is
forwarded, so the remote creates the record, but its answer is withheld:
the proxy deletes ``hold``, writes the answer to ``HOLD_DIR/created`` and
keeps the connection open without answering, as a network that lost the
answer. Only the Python standard library is used.
"""

import os
import sys
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TARGET, HOLD_DIR = sys.argv[1].rstrip("/"), sys.argv[2]
HOLD_SECONDS = 300


class Handler(BaseHTTPRequestHandler):
    """Forwards requests; withholds the answer of one creation."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 (signature of the base)
        """Quiet."""

    def _forward(self, body):
        request = urllib.request.Request(
            TARGET + self.path,
            data=body,
            method=self.command,
            headers={"Content-Type": self.headers.get("Content-Type", "text/xml")},
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return (
                    response.status,
                    response.headers.get("Content-Type"),
                    response.read(),
                )
        except urllib.error.HTTPError as err:
            return err.code, err.headers.get("Content-Type"), err.read()

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        hold = os.path.join(HOLD_DIR, "hold")
        creating = body and (b"<string>load</string>" in body or b'"load"' in body)
        status, content_type, answer = self._forward(body)
        if creating and os.path.exists(hold):
            os.unlink(hold)
            with open(os.path.join(HOLD_DIR, "created"), "wb") as created:
                created.write(answer)
            time.sleep(HOLD_SECONDS)
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type or "text/xml")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_GET = do_POST = _handle


def main():
    """Serve until killed."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
