# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Related actions of 9.0 job functions.

A related action is what the *Related* button of a job opens. It is
attached to a job function with
:func:`~odoo.addons.connector.queue.job.related_action`::

    @job
    @related_action(action=unwrap_binding)
    def export_record(session, model_name, binding_id): ...

(10.0 job methods name a ``queue.job`` method instead, such as
``related_action_unwrap_binding``.)
"""

from .connector import Binder, ConnectorEnvironment, _env_of

__all__ = ["unwrap_binding"]


def unwrap_binding(session, job, id_pos=2, binder_class=Binder):
    """Open the form of the record bound by the job's binding.

    For a job on ``shop.res.partner`` binding 12 (``job.args`` is
    ``('shop.res.partner', 12, ...)``), opens the ``res.partner`` that
    binding 12 binds, found with the binder of the binding's backend. When
    the binder cannot unwrap (it raises ``ValueError``: a binding without
    ``_inherits``), opens the binding itself.

    :param session: a ``ConnectorSession`` (or an Odoo environment)
    :param job: the 9.0 :class:`~odoo.addons.connector.queue.job.Job`
    :param id_pos: position of the binding id among the function's
        arguments, counting the session as 0 (so ``job.args[id_pos - 1]``)
    :param binder_class: the ``Binder`` class to look up
    :return: a window action, or ``None`` when the binding no longer exists
    """
    binding_model = job.args[0]
    binding_id = job.args[id_pos - 1]
    env = _env_of(session)
    binding = env[binding_model].browse(binding_id)
    if not binding.exists():
        return None
    # view_type as 9.0 returned it (Odoo 18 ignores it): callers and tests
    # of 9.0 connectors compare the whole action
    action = {
        "name": env._("Related Record"),
        "type": "ir.actions.act_window",
        "view_type": "form",
        "view_mode": "form",
        "res_model": binding_model,
        "res_id": binding_id,
    }
    connector_env = ConnectorEnvironment(binding.backend_id, session, binding_model)
    binder = connector_env.get_connector_unit(binder_class)
    try:
        model = binder.unwrap_model()
        record_id = binder.unwrap_binding(binding_id)
    except ValueError:
        return action
    if model:
        action.update(res_model=model, res_id=record_id)
    return action
