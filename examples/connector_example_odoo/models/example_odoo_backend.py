# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from datetime import timedelta
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.connector.connector import ConnectorEnvironment
from odoo.addons.connector.exception import ConnectorException, RetryableJobError

from ..backend import CATEGORY_BINDING, PARTNER_BINDING
from ..units.client import OdooClient

# A remote write is dated when its transaction starts, and becomes visible
# when it commits: each import looks back this far before the latest remote
# change the previous one saw, not to miss the writes committed meanwhile.
IMPORT_OVERLAP = timedelta(minutes=2)


class ExampleOdooBackend(models.Model):
    """Another Odoo database, reached over XML-RPC (or JSON-RPC): the
    backend of the example connector.

    Its ``_backend_type`` is the service of
    :data:`~odoo.addons.connector_example_odoo.backend.example_odoo`; its
    ``version`` chooses the version of that service whose units are used.
    The buttons of the form:

    * :meth:`action_check_connection` tells what is wrong with the settings;
    * :meth:`action_import_partners` enqueues the import of the partners
      changed since the previous import;
    * :meth:`action_export_partners` enqueues the export of the bound
      partners changed here since their last synchronization;
    * :meth:`action_check_deletions` enqueues the search for remote
      partners and categories that were deleted.
    """

    _name = "example.odoo.backend"
    _inherit = "connector.backend"
    _description = "Example Odoo Backend"
    _backend_type = "example_odoo"

    version = fields.Selection(
        selection_add=[
            ("18.0", "Odoo 18.0 (XML-RPC)"),
            ("18.0-jsonrpc", "Odoo 18.0 (JSON-RPC)"),
        ],
        ondelete={"18.0": "cascade", "18.0-jsonrpc": "cascade"},
        required=True,
        default="18.0",
    )
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        help="The company whose Connector Managers see the backend, its "
        "bindings and checkpoints; empty: every company's",
    )
    # the settings of the remote database are half of its credentials: the
    # Connector Managers only (who alone read the model) read them, whatever
    # access another addon grants on the model
    location = fields.Char(
        string="URL",
        required=True,
        groups="connector.group_connector_manager",
        help="Base URL of the remote Odoo server, e.g. https://odoo.example.com",
    )
    database = fields.Char(
        required=True,
        groups="connector.group_connector_manager",
        help="Name of the remote database",
    )
    login = fields.Char(
        required=True,
        groups="connector.group_connector_manager",
        help="Login of the remote user",
    )
    password = fields.Char(
        groups="connector.group_connector_manager",
        help="Password (or API key) of the remote user",
    )
    timeout = fields.Integer(
        default=30, help="Seconds to wait for an answer of the remote server"
    )
    import_partners_since = fields.Datetime(
        string="Import partners changed since",
        help="Set by each import to the latest change of the remote partners "
        "it found (on the remote server's clock): the next one imports the "
        "partners changed since then, minus an overlap. Empty it to import them "
        "all.",
    )
    export_partners_date = fields.Datetime(
        string="Last export of changed partners", readonly=True
    )
    # the bindings are the Connector Managers' too
    partner_binding_ids = fields.One2many(
        PARTNER_BINDING,
        "backend_id",
        string="Partners",
        readonly=True,
        groups="connector.group_connector_manager",
    )
    category_binding_ids = fields.One2many(
        CATEGORY_BINDING,
        "backend_id",
        string="Categories",
        readonly=True,
        groups="connector.group_connector_manager",
    )
    partner_count = fields.Integer(
        compute="_compute_binding_counts", groups="connector.group_connector_manager"
    )
    category_count = fields.Integer(
        compute="_compute_binding_counts", groups="connector.group_connector_manager"
    )

    @api.depends("partner_binding_ids", "category_binding_ids")
    def _compute_binding_counts(self):
        for backend in self:
            backend.partner_count = len(backend.partner_binding_ids)
            backend.category_count = len(backend.category_binding_ids)

    @api.constrains("location")
    def _check_location(self):
        for backend in self:
            parts = urlsplit((backend.location or "").strip())
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValidationError(
                    self.env._(
                        "Backend %(name)s: the URL %(url)r is not valid, it must "
                        "look like https://odoo.example.com or "
                        "http://127.0.0.1:8069.",
                        name=backend.name,
                        url=backend.location,
                    )
                )

    @api.constrains("timeout")
    def _check_timeout(self):
        for backend in self:
            if backend.timeout <= 0:
                raise ValidationError(
                    self.env._(
                        "Backend %(name)s: the timeout must be a positive number "
                        "of seconds, not %(timeout)s.",
                        name=backend.name,
                        timeout=backend.timeout,
                    )
                )

    def _client(self):
        """The client unit of this backend's version (XML-RPC or JSON-RPC)."""
        self.ensure_one()
        return ConnectorEnvironment(self, PARTNER_BINDING).get_connector_unit(
            OdooClient
        )

    def _notify(self, title, message, kind="success"):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": title,
                "message": message,
                "type": kind,
                "sticky": kind != "success",
            },
        }

    def action_check_connection(self):
        """Check the URL, database, login, password and the remote user's
        rights, in that order.

        :return: a notification saying what was found
        :raise UserError: saying which setting is wrong
        """
        self.ensure_one()
        try:
            message, warnings = self._client().check_connection()
        except (ConnectorException, RetryableJobError) as err:
            raise UserError(str(err)) from err
        if warnings:
            message = " ".join([message] + [f"Warning: {w}." for w in warnings])
            return self._notify(self.env._("Connection"), message, "warning")
        return self._notify(self.env._("Connection"), message)

    def action_import_partners(self, bulk=None):
        """Enqueue the import of the remote partners written since
        :attr:`import_partners_since` minus an overlap (all of them the first
        time); the batch job moves that date to the latest remote change it
        finds.

        The batch job enqueues ``import_chunk`` jobs of 200 partners for the
        first import and for more than 100 partners, else one
        ``import_record`` job per partner (see
        :class:`~odoo.addons.connector_example_odoo.units.importer.PartnerBatchImporter`).

        :param bulk: ``True`` or ``False`` forces bulk jobs or one job per
            partner (e.g. over XML-RPC, ``execute_kw(..., [[backend_id]],
            {"bulk": False})``, to watch per-record jobs); ``None`` (the
            button) lets the importer decide
        :return: a notification
        """
        for backend in self:
            filters = {}
            if backend.import_partners_since:
                filters["from_date"] = fields.Datetime.to_string(
                    backend.import_partners_since - IMPORT_OVERLAP
                )
            since = filters.get("from_date", "the beginning")
            self.env[PARTNER_BINDING].with_delay(
                description=f"Import the partners of {backend.name} changed since "
                f"{since}"
            ).import_batch(backend, filters=filters, bulk=bulk)
        return self._notify(
            self.env._("Import"), self.env._("The import of the partners is queued.")
        )

    def _changed_bindings(self):
        """The partner bindings changed here since their last
        synchronization (the binding's ``sync_date``)."""
        self.ensure_one()
        bindings = (
            self.env[PARTNER_BINDING]
            .with_context(active_test=False)
            .search([("backend_id", "=", self.id)])
        )
        return bindings.filtered(
            lambda b: not b.sync_date or b.odoo_id.write_date > b.sync_date
        )

    def action_export_partners(self):
        """Enqueue an export of every bound partner changed here since its
        last synchronization, e.g. changes made while exports were not
        listening (``connector_no_export`` or another database tool).

        :return: a notification with the number of exports queued
        """
        count = 0
        for backend in self:
            bindings = backend._changed_bindings()
            for binding in bindings:
                binding.with_delay(
                    description=f"Export {binding.display_name} to {backend.name}"
                ).export_record()
            backend.export_partners_date = fields.Datetime.now()
            count += len(bindings)
        return self._notify(
            self.env._("Export"),
            self.env._("%(count)s partner exports queued.", count=count),
        )

    def action_check_deletions(self):
        """Enqueue the search for partners and categories deleted from the
        remote database (see the ``check_remote_deletions`` job).

        :return: a notification
        """
        for backend in self:
            for model in (PARTNER_BINDING, CATEGORY_BINDING):
                self.env[model].with_delay(
                    description=f"Check the deletions of {model} on {backend.name}"
                ).check_remote_deletions(backend)
        return self._notify(
            self.env._("Deletions"),
            self.env._("The check of remote deletions is queued."),
        )
