# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Checkpoints, from plain Python: the 9.0/10.0 module-level helpers.

A checkpoint asks a user to review a record imported by a connector, or
a message (see the ``connector.checkpoint`` model). New code calls
``backend_record.add_checkpoint(model=..., record_id=..., message=...)``;
these helpers serve code written for the legacy API, under both import
paths it used::

    from odoo.addons.connector.checkpoint import add_checkpoint

    add_checkpoint(session, "product.product", product.id,
                   "magento.backend", backend_id)

    # 9.0: the helpers live in the module checkpoint of this package
    from odoo.addons.connector.checkpoint import checkpoint

    checkpoint.add_checkpoint(session, "product.product", product.id,
                              "magento.backend", backend_id)

They take an Odoo environment or a 9.0
:class:`~odoo.addons.connector.session.ConnectorSession` and return the new
``connector.checkpoint`` record. The model itself is
:class:`~odoo.addons.connector.models.connector_checkpoint.ConnectorCheckpoint`.
"""

from . import checkpoint
from .checkpoint import add_checkpoint, add_checkpoint_message

__all__ = ["add_checkpoint", "add_checkpoint_message", "checkpoint"]
