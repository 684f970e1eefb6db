# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""9.0-style job functions used by the tests of the legacy job API."""

from odoo.addons.connector.exception import NothingToDoJob, RetryableJobError
from odoo.addons.connector.queue.job import job, related_action
from odoo.addons.connector.related_action import unwrap_binding

# what the job functions saw, for the tests to read: (name, session, args)
CALLS = []


def open_url(session, job, url=None):
    """Related action: an URL built from the job's first argument."""
    return {"type": "ir.actions.act_url", "target": "new", "url": url.format(*job.args)}


def broken_action(session, job):
    """Related action that fails."""
    raise ZeroDivisionError("the related action divided by zero")


@job
def record_call(session, model_name, *args, **kwargs):
    """Record the call

    Further lines are not part of the description.
    """
    CALLS.append(("record_call", session, (model_name, *args), kwargs))
    return f"called with {model_name} {args} {kwargs}"


@job(default_channel="root.test_connector.legacy", retry_pattern={1: 7, 3: 30})
def fail_retryable(session, model_name):
    CALLS.append(("fail_retryable", session, (model_name,), {}))
    raise RetryableJobError("the remote is busy")


@job
@related_action(action=open_url, url="https://example.com/{0}")
def with_url_action(session, model_name):
    """Job with an URL related action"""


@job
@related_action(action=unwrap_binding)
def export_binding(session, model_name, binding_id):
    """Export a binding"""
    CALLS.append(("export_binding", session, (model_name, binding_id), {}))
    return session.env[model_name].browse(binding_id).name


@job
@related_action(action=broken_action)
def with_broken_action(session, model_name):
    """Job whose related action fails"""


def not_a_job(session, model_name):
    """A plain function: it cannot be delayed nor run by a stored job."""
    CALLS.append(("not_a_job", session, (model_name,), {}))


@job
def nothing_to_do(session, model_name):
    """Job finding nothing to do"""
    raise NothingToDoJob("the record was already exported")


@related_action(action=open_url, url="https://example.com/{0}")
def related_only(session, subject):
    """A related action without @job: stored jobs open it, never run it."""
    CALLS.append(("related_only", session, (subject,), {}))
