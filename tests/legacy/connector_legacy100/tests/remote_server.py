# -*- coding: utf-8 -*-
"""A tiny JSON record store over HTTP: the remote system of the tests.

Python 2 code, as a 10.0 connector would carry it; the migration command
makes it Python 3. Run as a script, it listens on a free port of 127.0.0.1
and prints the port on its first line.

    GET /<collection>             {"ids": [...]}
    GET /<collection>/<id>        the record (404 if unknown)
    POST /<collection>            create, answers {"id": ...}
    PUT /<collection>/<id>        update
    POST /_admin/records/<coll>   store a record as given (with its id)
    POST /_admin/faults           {"path": "/partners/1", "status": 503,
                                   "count": 1}: the next requests on the
                                   path get that status
"""
import json
import sys
import threading
import BaseHTTPServer
import SocketServer

STORE = {'collections': {}, 'faults': [], 'next_id': 1000}
LOCK = threading.Lock()


class Handler(BaseHTTPServer.BaseHTTPRequestHandler):

    protocol_version = 'HTTP/1.1'

    def log_message(self, format, *args):
        pass

    def _send(self, status, payload=None):
        body = json.dumps(payload).encode('utf-8') if payload is not None else b''
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self):
        length = int(self.headers.get('Content-Length') or 0)
        if not length:
            return {}
        return json.loads(self.rfile.read(length))

    def _fault(self, path):
        for fault in STORE['faults']:
            if fault['path'] == path:
                fault['count'] -= 1
                if fault['count'] <= 0:
                    STORE['faults'].remove(fault)
                return fault['status']
        return None

    def _handle(self, method):
        parts = [part for part in self.path.split('?')[0].split('/') if part]
        body = self._body() if method in ('POST', 'PUT') else {}
        with LOCK:
            if parts[:1] == ['_admin']:
                return self._admin(parts[1:], body)
            status = self._fault(self.path)
            if status:
                return self._send(status, {'error': 'injected fault'})
            records = STORE['collections'].setdefault(parts[0], {})
            if len(parts) == 1 and method == 'GET':
                return self._send(200, {'ids': sorted(records.keys())})
            if len(parts) == 1 and method == 'POST':
                if not body.has_key('id'):
                    body['id'] = unicode(STORE['next_id'])
                    STORE['next_id'] += 1
                records[unicode(body['id'])] = body
                return self._send(201, {'id': body['id']})
            record = records.get(parts[1])
            if record is None:
                return self._send(404, {'error': 'not found'})
            if method == 'PUT':
                for key, value in body.iteritems():
                    record[key] = value
            return self._send(200, record)

    def _admin(self, parts, body):
        if parts[:1] == ['records']:
            collection = STORE['collections'].setdefault(parts[1], {})
            collection[unicode(body['id'])] = body
        elif parts == ['faults']:
            fault = {'count': 1, 'status': 503}
            fault.update(body)
            STORE['faults'].append(fault)
        return self._send(200, {})

    def do_GET(self):
        self._handle('GET')

    def do_POST(self):
        self._handle('POST')

    def do_PUT(self):
        self._handle('PUT')


class Server(SocketServer.ThreadingMixIn, BaseHTTPServer.HTTPServer):
    daemon_threads = True


def main():
    server = Server(('127.0.0.1', 0), Handler)
    print server.server_address[1]
    sys.stdout.flush()
    server.serve_forever()


if __name__ == '__main__':
    main()
