# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression


def _has_company_field(record):
    """Whether the model of ``record`` has a ``company_id`` to res.company."""
    field = record._fields.get("company_id")
    return bool(
        field and field.type == "many2one" and field.comodel_name == "res.company"
    )


class ConnectorCheckpoint(models.Model):
    """A record imported by a connector, or a message, that someone has to
    review.

    Connectors add checkpoints when an import cannot decide alone, e.g. a
    product created from an external order line must be completed by hand.
    Create them with
    :meth:`~odoo.addons.connector.models.connector_backend.ConnectorBackend.add_checkpoint`
    (or the legacy :func:`~odoo.addons.connector.checkpoint.add_checkpoint`)::

        backend_record.add_checkpoint(model="product.product", record_id=42)
        backend_record.add_checkpoint(message="3 orders skipped: no customer")

    The users of the *Connector Manager* group (of the checkpoint's company,
    if it has one) follow every new checkpoint and are notified of it. A
    checkpoint belongs to the company of its record when the record's model
    has a ``company_id``, else to the one of the backend when the backend's
    model has one; users see the checkpoints of their companies only.

    Creating checkpoints needs the rights of a Connector Manager, so the
    jobs of a connector that adds checkpoints run as such a user.
    """

    _name = "connector.checkpoint"
    _description = "Connector Checkpoint"
    _inherit = ["mail.thread"]
    _order = "id desc"

    record = fields.Reference(
        compute="_compute_record",
        selection="_reference_models",
        help="The record to review.",
    )
    name = fields.Char(
        compute="_compute_name",
        search="_search_record",
        string="Record Name",
        help="Name of the record to review, or the message when there is " "no record.",
    )
    record_id = fields.Integer("Record ID", readonly=True, index=True)
    model_id = fields.Many2one(
        "ir.model", string="Model", readonly=True, ondelete="cascade", index=True
    )
    backend_id = fields.Reference(
        string="Imported from",
        selection="_reference_models",
        readonly=True,
        required=True,
        index=True,
        help="The record has been imported from this backend",
    )
    backend_name = fields.Char(
        string="Backend",
        compute="_compute_backend_name",
        search="_search_backend",
    )
    state = fields.Selection(
        selection=[("need_review", "Need Review"), ("reviewed", "Reviewed")],
        string="Status",
        required=True,
        readonly=True,
        default="need_review",
        tracking=True,
    )
    message = fields.Char(readonly=True)
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=True,
        index=True,
    )

    _sql_constraints = [
        (
            "required_fields",
            "CHECK (record_id IS NOT NULL OR message IS NOT NULL)",
            "Provide relation to a record or a message.",
        ),
    ]

    @api.model
    def _reference_models(self):
        """The selection of the reference fields: every concrete model of
        the registry (read from the registry, without query)."""
        registry = self.env.registry
        return [
            (name, registry[name]._description or name)
            for name in sorted(registry)
            if not registry[name]._abstract and not registry[name]._transient
        ]

    def _get_record(self):
        """The record to review, empty when there is none or it was deleted."""
        self.ensure_one()
        model_name = self.sudo().model_id.model
        if not model_name or not self.record_id or model_name not in self.env:
            return None
        return self.env[model_name].browse(self.record_id).exists()

    @api.depends("model_id", "record_id")
    def _compute_record(self):
        for checkpoint in self:
            checkpoint.record = checkpoint._get_record() or False

    @api.depends("model_id", "record_id", "message")
    def _compute_name(self):
        for checkpoint in self:
            record = checkpoint._get_record()
            if record:
                # managers review records they may not be allowed to read
                checkpoint.name = record.sudo().display_name
            elif checkpoint.message:
                checkpoint.name = checkpoint.message
            else:
                checkpoint.name = self.env._(
                    "%(model)s %(id)s (deleted)",
                    model=checkpoint.sudo().model_id.model or "?",
                    id=checkpoint.record_id,
                )

    @api.depends("backend_id")
    def _compute_backend_name(self):
        for checkpoint in self:
            checkpoint.backend_name = checkpoint.sudo().backend_id.display_name or ""

    @api.depends("model_id", "record_id", "backend_id")
    def _compute_company_id(self):
        for checkpoint in self.sudo():
            company = self.env["res.company"]
            for source in (checkpoint._get_record(), checkpoint.backend_id):
                if source and _has_company_field(source):
                    company = source.company_id
                    break
            checkpoint.company_id = company

    @staticmethod
    def _positive_search(operator):
        """The positive form of a search operator, and whether the domain
        built with it must be negated."""
        if operator in expression.NEGATIVE_TERM_OPERATORS:
            return expression.TERM_OPERATORS_NEGATION[operator], True
        return operator, False

    def _search_record(self, operator, value):
        """Search checkpoints by the display name of their record, or by
        their message. Records the user cannot read are not searched."""
        operator, negate = self._positive_search(operator)
        groups = self.sudo()._read_group([("model_id", "!=", False)], ["model_id"])
        domains = [[("message", operator, value)]]
        for (model,) in groups:
            if model.model not in self.env:
                continue
            records = self.env[model.model].with_context(active_test=False)
            if not (records._rec_name or records._rec_names_search):
                continue
            try:
                query = records._search([("display_name", operator, value)])
            except AccessError:
                continue
            domains.append([("model_id", "=", model.id), ("record_id", "in", query)])
        domain = expression.OR(domains)
        return ["!", *domain] if negate else domain

    def _search_backend(self, operator, value):
        """Search checkpoints by the display name of their backend."""
        operator, negate = self._positive_search(operator)
        groups = self.sudo()._read_group([], ["backend_id"])
        # the groups of a reference field are its raw "model,id" values
        backends = [
            self.env[model_name].sudo().browse(int(id_))
            for model_name, id_ in (ref.split(",") for (ref,) in groups if ref)
            if model_name in self.env
        ]
        references = [
            f"{backend._name},{backend.id}"
            for backend in backends
            if backend.exists()
            and backend.filtered_domain([("display_name", operator, value)])
        ]
        domain = [("backend_id", "in", references)]
        return ["!", *domain] if negate else domain

    def _subscribe_users(self):
        """Make the Connector Managers (of the checkpoint's company, when it
        has one) followers of the checkpoints."""
        managers = self.env.ref("connector.group_connector_manager").sudo().users
        for checkpoint in self:
            company = checkpoint.company_id
            partners = managers.filtered(
                lambda user, company=company: not company or company in user.company_ids
            ).partner_id
            checkpoint.sudo().message_subscribe(partner_ids=partners.ids)

    def _notify_review(self):
        """Post the message that notifies the followers."""
        for checkpoint in self:
            body = checkpoint.message or self.env._(
                "A %(model)s needs a review.",
                model=checkpoint.sudo().model_id.name,
            )
            checkpoint.message_post(body=body, subtype_xmlid="mail.mt_comment")

    @api.model_create_multi
    def create(self, vals_list):
        """Create the checkpoints, subscribe the Connector Managers of their
        companies and notify them that a review is needed."""
        checkpoints = super().create(vals_list)
        checkpoints._subscribe_users()
        checkpoints._notify_review()
        return checkpoints

    def reviewed(self):
        """Mark the checkpoints as reviewed.

        :raise UserError: when one of them is already reviewed
        """
        already = self.filtered(lambda checkpoint: checkpoint.state == "reviewed")
        if already:
            raise UserError(
                self.env._(
                    "These checkpoints are already reviewed: %(names)s",
                    names=", ".join(already.mapped("display_name")),
                )
            )
        self.write({"state": "reviewed"})
        return True

    @api.model
    def create_from_name(
        self, model_name, record_id, backend_model_name, backend_id, message=""
    ):
        """Create a checkpoint for a record.

        :param model_name: model of the record to review
        :param record_id: id of the record to review
        :param backend_model_name: model of the backend it comes from
        :param backend_id: id of that backend
        :param message: an optional text telling what to review
        :return: the new checkpoint
        :raise ValueError: when ``model_name`` is not a model of the database
        """
        model = self.env["ir.model"]._get(model_name)
        if not model:
            raise ValueError(f"The model {model_name} does not exist")
        return self.create(
            {
                "model_id": model.id,
                "record_id": record_id,
                "backend_id": f"{backend_model_name},{backend_id}",
                "message": message or False,
            }
        )

    @api.model
    def create_from_message(self, backend_model_name, backend_id, message):
        """Create a checkpoint holding only a message (no record).

        :param backend_model_name: model of the backend it comes from
        :param backend_id: id of that backend
        :param message: what to review
        :return: the new checkpoint
        """
        return self.create(
            {
                "backend_id": f"{backend_model_name},{backend_id}",
                "message": message,
            }
        )
