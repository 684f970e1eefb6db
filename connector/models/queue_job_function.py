# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import logging

from odoo import api, models
from odoo.modules import module

from ..connector import _advisory_lock_key
from ..queue.registry import job_function_configs

_logger = logging.getLogger(__name__)

# serializes the registration between Odoo processes loading the registry at
# the same time (the job function name has no unique constraint)
_REGISTER_LOCK = "connector: register job functions"


class QueueJobFunction(models.Model):
    """Job functions of the jobs declared with the legacy decorators."""

    _inherit = "queue.job.function"

    def _register_hook(self):
        """Create the job functions of the decorated jobs once the registry
        is loaded."""
        result = super()._register_hook()
        self._register_jobs()
        return result

    @api.model
    def _register_jobs(self, functions=None):
        """Create the missing ``queue.job.function`` records of the jobs
        declared with ``@job`` / ``@related_action``: 9.0 job functions
        (on ``connector.function.job``) and 10.0 job methods of every model,
        with their channel (created when missing), retry pattern and related
        action. Existing records are kept as they are.

        Legacy jobs may commit, as 9.0 and 10.0 connectors did (an exporter
        commits the external id it just bound): where queue_job refuses
        commits inside jobs (18.0.4 and later), their job functions are
        created with ``allow_commit``, so that queue_job runs them on a
        cursor of their own where a commit is allowed (one more database
        connection per running job). Untick *Allow Commit* on a job function
        whose job never commits to save that connection.

        :param functions: only these 9.0 job functions (default: all the
            decorated functions and methods)
        :return: the records created
        """
        configs = job_function_configs(self.env, functions)
        if not configs:
            return self.browse()
        names = {self.job_function_name(c["model"], c["method"]): c for c in configs}
        missing = set(names) - self._existing_names(names)
        if not missing:
            return self.browse()
        self.env.cr.execute(
            "SELECT pg_advisory_xact_lock(%s)", (_advisory_lock_key(_REGISTER_LOCK),)
        )
        missing -= self._existing_names(missing)
        models_by_name = {
            m.model: m
            for m in self.env["ir.model"]
            .sudo()
            .search([("model", "in", list({names[n]["model"] for n in missing}))])
        }
        # the option exists where queue_job forbids commits in jobs
        allow_commit = {"allow_commit": True} if "allow_commit" in self._fields else {}
        vals_list = []
        for name in sorted(missing):
            config = names[name]
            if config["model"] not in models_by_name:
                continue
            vals_list.append(
                {
                    "model_id": models_by_name[config["model"]].id,
                    "method": config["method"],
                    "channel_id": self._connector_channel(config["channel"]).id,
                    "retry_pattern": config["retry_pattern"],
                    "related_action": config["related_action"],
                    **allow_commit,
                }
            )
        _logger.info("creating %d job functions of decorated jobs", len(vals_list))
        return self.sudo().create(vals_list)

    def job_config(self, name):
        """queue_job's configuration of the job function ``name``.

        While tests run, a legacy job is not given *Allow Commit*: queue_job
        would run it on a new cursor, outside the test's transaction (which
        it could not see, and where it would commit for real); it runs in
        the test's transaction instead, where ``session.commit()`` does
        nothing, as in 9.0.
        """
        config = super().job_config(name)
        if (
            getattr(config, "allow_commit", False)
            and module.current_test
            and name in self._legacy_job_names()
        ):
            config = config._replace(allow_commit=False)
        return config

    @api.model
    def _legacy_job_names(self):
        """The job function names of the jobs declared with the legacy
        decorators."""
        return {
            self.job_function_name(config["model"], config["method"])
            for config in job_function_configs(self.env)
        }

    @api.model
    def _existing_names(self, names):
        """Which of these job function names have a record."""
        records = self.sudo().search([("name", "in", list(names))])
        return set(records.mapped("name"))

    @api.model
    def _connector_channel(self, complete_name):
        """The ``queue.job.channel`` of a dotted name such as
        ``root.shop.import``, created with its missing parents."""
        channels = self.env["queue.job.channel"].sudo()
        channel = self.env.ref("queue_job.channel_root").sudo()
        for part in complete_name.split(".")[1:]:
            child = channels.search(
                [("parent_id", "=", channel.id), ("name", "=", part)], limit=1
            )
            channel = child or channels.create({"name": part, "parent_id": channel.id})
        return channel
