"""HAProxy in front of several Odoo servers: the load balancer of a
scale-out test, run as a foreground process of the test with a generated
configuration (never the system service).

Used by the scale-out suite (tests/e2e/test_scale_out.py), whose
configuration is the one doc/guides/deployment.rst recommends::

    balancer = Balancer([node_a.port, node_b.port], ".cache/haproxy")
    balancer.start()
    ... queue_job's runner sends its jobs to balancer.port ...
    balancer.stop()
"""

import contextlib
import os
import shutil
import socket
import subprocess
import time

import odoo_harness

HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"

#: The configuration: round robin on the Odoo servers, each checked every
#: second by a TCP connection and taken out after 2 failed checks; a
#: connection refused by a server that went down is sent to another one
#: (``retries``, ``redispatch``). The checks are not HTTP ones: an HTTP
#: check waits for a free worker, and a node whose workers are all busy
#: with jobs would be taken out. ``timeout server`` must exceed the
#: longest job.
CONFIG = """\
global
    maxconn 256

defaults
    mode http
    timeout connect 2s
    timeout client 330s
    timeout server 330s
    retries 2
    option redispatch 1

frontend odoo_jobs
    bind 127.0.0.1:{port}
    default_backend odoo_nodes

backend odoo_nodes
    balance roundrobin
{servers}
"""


class Balancer:
    """An HAProxy process balancing HTTP requests over Odoo servers on
    loopback, round robin.

    :param ports: the HTTP ports of the Odoo servers (``node1``, ``node2``…
        in the configuration)
    :param directory: where its configuration and log go
    :param port: the port it listens on (default: a free one)
    """

    def __init__(self, ports, directory, port=None):
        self.ports = list(ports)
        self.directory = directory
        self.port = port or odoo_harness.free_port()
        self.config_path = os.path.join(directory, f"haproxy-{self.port}.cfg")
        self.log_path = os.path.join(directory, f"haproxy-{self.port}.log")
        self.process = None

    def config(self):
        """The configuration text (see :data:`CONFIG`)."""
        servers = "\n".join(
            f"    server node{i} 127.0.0.1:{port} check inter 1s fall 2 rise 2"
            for i, port in enumerate(self.ports, start=1)
        )
        return CONFIG.format(port=self.port, servers=servers)

    def start(self, timeout=10):
        """Write the configuration, check it, start HAProxy in the
        foreground (``-db``) and wait until it accepts connections.

        :raise odoo_harness.HarnessError: when HAProxy is missing, refuses
            the configuration or does not listen in time
        """
        if not os.path.exists(HAPROXY):
            raise odoo_harness.HarnessError(
                "haproxy is not installed (Debian: apt-get install haproxy)"
            )
        os.makedirs(self.directory, exist_ok=True)
        with open(self.config_path, "w", encoding="utf-8") as config:
            config.write(self.config())
        with open(self.log_path, "wb") as log:
            check = subprocess.run(
                [HAPROXY, "-c", "-q", "-f", self.config_path], stdout=log, stderr=log
            )
            if check.returncode:
                raise odoo_harness.HarnessError(
                    f"haproxy refuses {self.config_path}, see {self.log_path}"
                )
            self.process = subprocess.Popen(
                [HAPROXY, "-db", "-f", self.config_path],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise odoo_harness.HarnessError(f"haproxy exited, see {self.log_path}")
            with contextlib.suppress(OSError):
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            time.sleep(0.2)
        self.stop()
        raise odoo_harness.HarnessError(
            f"haproxy does not listen on {self.port}, see {self.log_path}"
        )

    def stop(self):
        """Stop HAProxy (SIGTERM: it closes its connections at once)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
