# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Events: the observer side of the framework.

* :class:`Event`: a list of *consumers* (callables) subscribed globally or
  for some models, called when the event is *fired*;
* :data:`on_record_create`, :data:`on_record_write`,
  :data:`on_record_unlink`: the three events fired by every model of the
  database on create, write and unlink (the producers are in
  ``connector/models/base.py``);
* :func:`no_connector_export` and :func:`skip_if_no_connector_export`: how an
  export consumer ignores the writes made by the connector itself.

A consumer typically delays an export job::

    from odoo.addons.connector.event import (
        on_record_write,
        skip_if_no_connector_export,
    )

    @on_record_write(model_names="magento.res.partner")
    @skip_if_no_connector_export
    def delay_export_partner(env, model_name, record_id, vals):
        env[model_name].browse(record_id).with_delay().export_record(
            fields=list(vals)
        )

**Both legacy generations.** The first argument a consumer receives depends
on the name of its first parameter, read once when it subscribes: a consumer
written for 9.0, whose first parameter is named ``session``, receives a
:class:`~odoo.addons.connector.session.ConnectorSession`; any other consumer
(10.0 style, ``env``) receives an :class:`odoo.api.Environment`. Whoever
fires the event may pass either one, or any session-like object of its own
(one with an ``is_module_installed(addon)`` method): as in 9.0, that object is
asked which addons are installed, and given to the consumers (those taking
an ``env`` get its ``env`` attribute when it has one).

**Installed addons only.** A consumer belongs to the Odoo addon of its
Python module. Subscriptions are process-wide, but a consumer whose addon is
not installed in the database of the event is ignored there, so one Odoo
process can serve databases with different addons.
"""

import functools
import inspect

from odoo import api

from .connector import _env_of, get_openerp_module, is_module_installed
from .session import ConnectorSession

__all__ = [
    "Event",
    "on_record_create",
    "on_record_write",
    "on_record_unlink",
    "no_connector_export",
    "skip_if_no_connector_export",
]


def _normalize_model_names(model_names):
    """A list of the model names to subscribe to; ``[None]`` means every
    model (a global subscription). A single name may be a plain string."""
    if model_names is None or isinstance(model_names, str):
        return [model_names]
    names = list(model_names)
    for name in names:
        if not isinstance(name, str):
            raise TypeError(
                f"model_names must be model names (str), got {name!r} "
                f"in {model_names!r}"
            )
    return names


def _wants_session(consumer):
    """Whether the first parameter of ``consumer`` is named ``session``: a
    9.0 consumer, to be given a ``ConnectorSession``."""
    try:
        parameters = list(inspect.signature(consumer).parameters)
    except (TypeError, ValueError):
        # builtins and some C callables have no signature: give them an env
        return False
    return bool(parameters) and parameters[0] == "session"


def _is_session_like(env_or_session):
    """Whether ``env_or_session`` is to be treated as a 9.0 session: anything
    but an Odoo environment that has an ``is_module_installed`` method (a
    ``ConnectorSession``, or a connector's or a test's own session)."""
    return not isinstance(env_or_session, api.Environment) and callable(
        getattr(env_or_session, "is_module_installed", None)
    )


def _env_for_consumer(env_or_session):
    """What a consumer expecting an environment receives: the environment
    itself, or a session's ``env``; a session-like object without ``env``
    is given as it is, as 9.0 did."""
    if isinstance(env_or_session, api.Environment):
        return env_or_session
    return getattr(env_or_session, "env", env_or_session)


def _consumer_addon(consumer):
    """The Odoo addon a consumer comes from (see :func:`get_openerp_module`)."""
    while isinstance(consumer, functools.partial):
        consumer = consumer.func
    if getattr(consumer, "__module__", None) is None:
        consumer = type(consumer)
    return get_openerp_module(consumer)


class Event:
    """An event: consumers subscribe to it and are called when it is fired.

    A consumer is any callable taking ``(env_or_session, model_name, *args,
    **kwargs)``, where ``args`` and ``kwargs`` are the ones given to
    :meth:`fire`. It subscribes globally (every model) or for some models::

        on_my_event = Event()

        @on_my_event
        def log_everything(env, model_name, record_id):
            ...

        @on_my_event(model_names=["res.partner", "res.users"])
        def export_partner(env, model_name, record_id):
            ...

        on_my_event.fire(env, "res.partner", partner.id)

    ``log_everything`` runs first (global consumers always run before the
    ones of the model), then ``export_partner``; the order within each group
    is not specified. What consumers return is ignored; an exception stops
    the firing and propagates to the caller.

    The addon of a consumer is the one of its ``__module__`` when it
    subscribes; where that addon is not installed, the consumer is ignored.
    """

    def __init__(self):
        # model name (None: every model) -> set of consumers
        self._consumers = {None: set()}
        # consumer -> (its addon, whether it takes a ConnectorSession)
        self._consumer_info = {}

    def subscribe(self, consumer, model_names=None, replacing=None):
        """Have ``consumer`` called each time the event fires.

        :param consumer: a function, or any callable, taking the arguments
            of :meth:`fire`
        :param model_names: the consumer is called only for these models: a
            model name or a list of them; ``None`` (default) subscribes it for
            every model
        :param replacing: a consumer to unsubscribe (for the same
            ``model_names``) in place of which ``consumer`` is subscribed,
            e.g. to replace the consumer of another addon
        :raise TypeError: when ``consumer`` is not callable or a model name is
            not a string
        """
        if not callable(consumer):
            raise TypeError(
                f"Event consumers must be callable, got {consumer!r} "
                f"({type(consumer).__name__})"
            )
        names = _normalize_model_names(model_names)
        if replacing is not None:
            self.unsubscribe(replacing, model_names=model_names)
        self._consumer_info[consumer] = (
            _consumer_addon(consumer),
            _wants_session(consumer),
        )
        for name in names:
            self._consumers.setdefault(name, set()).add(consumer)

    def unsubscribe(self, consumer, model_names=None):
        """Stop calling ``consumer`` for ``model_names``.

        Only the subscriptions for ``model_names`` are removed:
        ``model_names=None`` removes the global subscription only.
        Unsubscribing a consumer that is not subscribed does nothing.

        :param consumer: the consumer to remove
        :param model_names: a model name or a list of them, or ``None``
        """
        for name in _normalize_model_names(model_names):
            consumers = self._consumers.get(name)
            if consumers is not None:
                consumers.discard(consumer)
        if not any(consumer in consumers for consumers in self._consumers.values()):
            self._consumer_info.pop(consumer, None)

    def _installed_checker(self, env_or_session):
        """A function telling whether an addon is installed in the database
        of ``env_or_session``: a session (any object other than an Odoo
        environment with an ``is_module_installed`` method, as the 9.0
        ``ConnectorSession``) is asked itself."""
        if _is_session_like(env_or_session):
            return env_or_session.is_module_installed
        env = _env_of(env_or_session)
        return functools.partial(is_module_installed, env)

    def _consumers_for(self, env_or_session, model_name):
        """The consumers to call for ``model_name``: the global ones first,
        then the model's, without those of addons not installed."""
        is_installed = None
        for name in (None, model_name):
            for consumer in tuple(self._consumers.get(name, ())):
                if is_installed is None:
                    is_installed = self._installed_checker(env_or_session)
                if is_installed(self._consumer_info[consumer][0]):
                    yield consumer

    def has_consumer_for(self, env_or_session, model_name):
        """Whether at least one consumer of an installed addon would be
        called for ``model_name`` (globally or for this model).

        It costs no database query: the producers call it on every create,
        write and unlink.

        :param env_or_session: an Odoo environment, a ``ConnectorSession`` or
            a session-like object (see the module's documentation)
        :param model_name: name of the model
        """
        if not (self._consumers[None] or self._consumers.get(model_name)):
            return False
        return next(self._consumers_for(env_or_session, model_name), None) is not None

    def fire(self, env_or_session, model_name, *args, **kwargs):
        """Call every consumer subscribed for ``model_name`` or globally.

        Each consumer is called as ``consumer(env_or_session, model_name,
        *args, **kwargs)``, with a ``ConnectorSession`` or an environment as
        it expects (see the module's documentation).

        :param env_or_session: an Odoo environment, a ``ConnectorSession`` or
            a session-like object (see the module's documentation)
        :param model_name: name of the model (a string)
        :raise TypeError: when ``model_name`` is not a string
        """
        if not isinstance(model_name, str):
            raise TypeError(
                "Event.fire() expects the model name (str) as second "
                f"argument, got {model_name!r}"
            )
        env = session = None
        for consumer in self._consumers_for(env_or_session, model_name):
            if self._consumer_info[consumer][1]:
                if session is None:
                    session = (
                        env_or_session
                        if _is_session_like(env_or_session)
                        else ConnectorSession.from_env(env_or_session)
                    )
                consumer(session, model_name, *args, **kwargs)
            else:
                if env is None:
                    env = _env_for_consumer(env_or_session)
                consumer(env, model_name, *args, **kwargs)

    def __call__(self, *args, **kwargs):
        """Subscribe a consumer, as a decorator with or without arguments::

            @on_record_create
            def everything(env, model_name, record_id, vals): ...

            @on_record_create(model_names="res.partner", replacing=other)
            def partners(env, model_name, record_id, vals): ...

        The consumer is returned unchanged. ``event(consumer,
        model_names=...)`` works as a plain call too.
        """
        if len(args) == 1 and callable(args[0]):
            self.subscribe(args[0], **kwargs)
            return args[0]
        if args:
            raise TypeError(
                f"{type(self).__name__} decorator arguments must be given by "
                f"keyword (model_names=, replacing=), got {args!r}"
            )

        def with_subscribe(consumer):
            self.subscribe(consumer, **kwargs)
            return consumer

        return with_subscribe


def no_connector_export(env_or_session):
    """Whether the context asks the connectors not to export: it has
    ``connector_no_export`` (set by the binders when they bind, and by
    importers writing what they read) or ``no_connector_export``.

    :param env_or_session: an Odoo environment, a ``ConnectorSession`` or a
        recordset
    """
    context = _env_of(env_or_session).context
    return bool(
        context.get("connector_no_export") or context.get("no_connector_export")
    )


def skip_if_no_connector_export(consumer):
    """Decorate an export consumer so it does nothing when the change comes
    from the connector itself (see :func:`no_connector_export`)::

        @on_record_write(model_names="magento.res.partner")
        @skip_if_no_connector_export
        def delay_export(env, model_name, record_id, vals):
            ...

    Put it *under* the event decorator: the event must subscribe the
    decorated function. The wrapper keeps the name, module and signature of
    ``consumer``, so it is still filtered by addon and still receives a
    session when its first parameter is ``session``.
    """

    @functools.wraps(consumer)
    def skipping_consumer(env_or_session, *args, **kwargs):
        if no_connector_export(env_or_session):
            return None
        return consumer(env_or_session, *args, **kwargs)

    return skipping_consumer


#: Fired when one record has been updated, once per record of the write.
#: Consumers take ``(env, model_name, record_id, vals)``: the Odoo
#: environment (a ``ConnectorSession`` for a ``session`` parameter), the model
#: name, the id of the record and the values given to ``write``.
on_record_write = Event()

#: Fired when one record has been created, once per record of the create.
#: Consumers take ``(env, model_name, record_id, vals)``: the Odoo
#: environment (a ``ConnectorSession`` for a ``session`` parameter), the model
#: name, the id of the new record and the values given for it to ``create``.
on_record_create = Event()

#: Fired when one record is about to be deleted, once per record: the record
#: still exists and can be read. Consumers take ``(env, model_name,
#: record_id)``: the Odoo environment (a ``ConnectorSession`` for a
#: ``session`` parameter), the model name and the id of the record.
on_record_unlink = Event()
