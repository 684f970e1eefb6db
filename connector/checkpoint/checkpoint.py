# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The module-level checkpoint helpers, where 9.0 code imports them from::

    from odoo.addons.connector.checkpoint import checkpoint

    checkpoint.add_checkpoint(session, "product.product", product.id,
                              "magento.backend", backend_id)

They are the ones of :mod:`odoo.addons.connector.checkpoint` (see there).
"""

from ..connector import _env_of

__all__ = ["add_checkpoint", "add_checkpoint_message"]


def add_checkpoint(
    session, model_name, record_id, backend_model_name, backend_id, message=""
):
    """Add a checkpoint on a record.

    :param session: an Odoo environment or a ``ConnectorSession``
    :param model_name: model of the record to review
    :param record_id: id of the record to review
    :param backend_model_name: model of the backend the record comes from
    :param backend_id: id of that backend
    :param message: an optional text telling what to review (9.0)
    :return: the checkpoint
    :raise ValueError: when ``model_name`` is not a model of the database
    """
    checkpoints = _env_of(session)["connector.checkpoint"]
    return checkpoints.create_from_name(
        model_name, record_id, backend_model_name, backend_id, message=message
    )


def add_checkpoint_message(session, backend_model_name, backend_id, message):
    """Add a checkpoint holding only a message (9.0).

    :param session: an Odoo environment or a ``ConnectorSession``
    :param backend_model_name: model of the backend the message is about
    :param backend_id: id of that backend
    :param message: what to review
    :return: the checkpoint
    """
    checkpoints = _env_of(session)["connector.checkpoint"]
    return checkpoints.create_from_message(backend_model_name, backend_id, message)
