# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The connector's own rules: what changes for a 9.0/10.0 connector on this
port and queue_job 18.0.

* 9.0 connector imports keep their module paths (``connector.queue.job``,
  ``connector.session``, ``connector.related_action``,
  ``connector.checkpoint``, ``connector.unit.*``...): this port provides them;
* 10.0's ``from odoo.addons.queue_job.job import job, related_action`` is
  served by this port: the two names move to
  ``odoo.addons.connector.queue.job`` (queue_job 18.0 dropped them), the
  other names stay with queue_job;
* ``NothingToDoJob`` and ``NotReadableJobError``, which queue_job 18.0
  dropped, come from ``odoo.addons.connector.exception``;
* reported: the 9.0 job runner and its controller (queue_job runs the
  jobs).

Commits (``session.commit()``, ``cr.commit()``) are kept: the jobs declared
with the legacy decorators may commit, as they did (see
:meth:`~odoo.addons.connector.models.queue_job_function.QueueJobFunction._register_jobs`).
"""

import ast

from .text_edits import parse

__all__ = ["IMPORT_MOVES", "scan_todos"]

#: ``{module: {name: new module}}``: names to import from elsewhere.
IMPORT_MOVES = {
    "odoo.addons.queue_job.job": {
        "job": "odoo.addons.connector.queue.job",
        "related_action": "odoo.addons.connector.queue.job",
    },
    "odoo.addons.queue_job.exception": {
        "NothingToDoJob": "odoo.addons.connector.exception",
        "NotReadableJobError": "odoo.addons.connector.exception",
    },
}

#: Modules of the 9.0 connector that this port does not provide.
_GONE_MODULES = {
    "odoo.addons.connector.jobrunner": "the 9.0 job runner is replaced by "
    "queue_job's (start Odoo with --load=web,queue_job and set "
    "ODOO_QUEUE_JOB_CHANNELS instead of ODOO_CONNECTOR_CHANNELS)",
    "odoo.addons.connector.controllers": "/connector/runjob is replaced by "
    "queue_job's /queue_job/runjob",
    "odoo.addons.connector.queue.model": "the queue models are queue_job's "
    "(queue.job, queue.job.channel, queue.job.function)",
    "odoo.addons.connector.queue.worker": "workers are gone since 9.0: "
    "queue_job's runner runs the jobs",
}


def scan_todos(text, path, report):
    """Report what a connector must change by hand (lines of ``text``, the
    migrated file)."""
    tree = parse(text)
    if tree is None:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            for gone, why in _GONE_MODULES.items():
                if module == gone or module.startswith(gone + "."):
                    report.todo(path, node.lineno, "connector", f"{module}: {why}")
