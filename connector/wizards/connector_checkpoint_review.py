# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo import api, fields, models
from odoo.exceptions import UserError


class ConnectorCheckpointReview(models.TransientModel):
    """Mark several checkpoints as reviewed at once.

    Opened from the *Action* menu of the checkpoints' list: it takes the
    selected checkpoints that still need a review (``active_ids`` when
    ``active_model`` is ``connector.checkpoint``).
    """

    _name = "connector.checkpoint.review"
    _description = "Checkpoints Review"

    @api.model
    def _default_checkpoint_ids(self):
        context = self.env.context
        if context.get("active_model") != "connector.checkpoint":
            return False
        checkpoints = self.env["connector.checkpoint"].browse(
            context.get("active_ids") or []
        )
        return checkpoints.filtered(lambda c: c.state == "need_review")

    checkpoint_ids = fields.Many2many(
        comodel_name="connector.checkpoint",
        relation="connector_checkpoint_review_rel",
        column1="review_id",
        column2="checkpoint_id",
        string="Checkpoints",
        domain="[('state', '=', 'need_review')]",
        default=_default_checkpoint_ids,
    )
    checkpoint_count = fields.Integer(compute="_compute_checkpoint_count")

    @api.depends("checkpoint_ids")
    def _compute_checkpoint_count(self):
        for wizard in self:
            wizard.checkpoint_count = len(wizard.checkpoint_ids)

    def review(self):
        """Mark the wizard's checkpoints as reviewed and close it.

        :raise UserError: when there is no checkpoint to review, or one of
            them was reviewed meanwhile
        """
        self.ensure_one()
        if not self.checkpoint_ids:
            raise UserError(self.env._("There is no checkpoint to review."))
        self.checkpoint_ids.reviewed()
        return {"type": "ir.actions.act_window_close"}
