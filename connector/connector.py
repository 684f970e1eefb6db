# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The core of the framework: ConnectorUnits, their environment, the binder.

* :class:`ConnectorUnit`: base class of every piece of a connector (binders,
  mappers, synchronizers, backend adapters, ...), registered on a
  :class:`~odoo.addons.connector.backend.Backend`;
* :class:`ConnectorEnvironment`: what a unit works with: the backend record,
  the Odoo environment (or 9.0 session) and the model;
* :class:`Binder`: the link between Odoo records and external ids;
* :func:`pg_try_advisory_lock`, :func:`is_module_installed`,
  :func:`get_openerp_module`: helpers used by connectors and the framework.

Both legacy generations of the API are served: the 9.0 names
(``to_openerp``, ``to_backend``, ``_openerp_field``, ``ConnectorSession``)
and the 10.0 ones (``to_internal``, ``to_external``, ``_odoo_field``, an
environment built from the backend record alone).
"""

import hashlib
import inspect
import logging
import struct
from contextlib import contextmanager

from odoo import api, fields, models

from .exception import BindingError, RetryableJobError

_logger = logging.getLogger(__name__)

__all__ = [
    "MetaConnectorUnit",
    "ConnectorUnit",
    "ConnectorEnvironment",
    "Binder",
    "pg_try_advisory_lock",
    "is_module_installed",
    "get_openerp_module",
    "get_odoo_module",
]


def _get_addon_name(full_name):
    """The Odoo addon of a Python module path.

    ``odoo.addons.sale.models`` → ``sale``; a path outside ``odoo.addons``
    (or ``openerp.addons``) gives its first part: ``sale.models`` → ``sale``.
    """
    parts = full_name.split(".")
    if len(parts) > 2 and parts[:2] in (["odoo", "addons"], ["openerp", "addons"]):
        return parts[2]
    return parts[0]


#: 9.0 name of :func:`_get_addon_name`.
_get_openerp_module_name = _get_addon_name


def get_openerp_module(cls_or_func):
    """The Odoo addon a class or a module-level function is defined in
    (from its ``__module__``): the backends skip the units, and the events
    the consumers, of addons not installed in the database at hand."""
    return _get_addon_name(cls_or_func.__module__)


#: 10.0 name of :func:`get_openerp_module`.
get_odoo_module = get_openerp_module


def _env_of(env_or_session):
    """The Odoo environment of an environment or a 9.0 ``ConnectorSession``."""
    if isinstance(env_or_session, api.Environment):
        return env_or_session
    return env_or_session.env


def is_module_installed(env, module_name):
    """Whether the addon ``module_name`` is installed in the database of
    ``env``: whether its registry loaded it (no query).

    :param env: an Odoo environment (a ``ConnectorSession`` works too)
    :param module_name: name of the addon
    """
    return module_name in _env_of(env).registry._init_modules


def _advisory_lock_key(lock):
    """The 64-bit key of a lock text: the first 8 bytes of the SHA-1 of its
    UTF-8 text, read as a native signed integer, as the original framework
    derived it (so both agree on the key of the same text)."""
    digest = hashlib.sha1(str(lock).encode("utf-8")).digest()
    return struct.unpack("q", digest[:8])[0]


def pg_try_advisory_lock(env, lock):
    """Take the PostgreSQL advisory lock of the text ``lock`` for the current
    transaction, without waiting.

    The lock is the transaction's until it commits or rolls back; meanwhile
    any other transaction asking for the same text is told ``False`` at once.
    Taking it again in the same transaction succeeds.

    Why an advisory lock: what a job is about to create cannot be locked,
    since it has no row yet. Say two jobs import two partners that both
    belong to a category nobody imported so far. Each starts importing the
    category as a dependency; without a lock both would create it. With the
    lock on the category's import text, the second job is refused, retried
    later, and then finds the category the first one bound.

    The usual text names the action, the backend, the model and the record
    (:func:`~odoo.addons.connector.unit.synchronizer.import_lock_name` builds
    the one of an import); a job refused raises a retryable error, as
    :meth:`ConnectorUnit.advisory_lock_or_retry` does::

        text = import_lock_name(backend_record, "shop.res.partner", "42")
        if not pg_try_advisory_lock(env, text):
            raise RetryableJobError(f"{text} is busy", seconds=2, ignore_retry=True)

    :param env: an Odoo environment (a ``ConnectorSession`` works too)
    :param lock: the text of the lock; anything ``str()`` accepts
    :return: ``True`` when this transaction holds the lock, ``False`` when
        another one does
    """
    env = _env_of(env)
    env.cr.execute("SELECT pg_try_advisory_xact_lock(%s)", (_advisory_lock_key(lock),))
    return env.cr.fetchone()[0]


def _pg_try_advisory_locks(env, locks):
    """Try to acquire several transactional advisory locks in one query
    (same keys as :func:`pg_try_advisory_lock`).

    :return: the lock texts that could not be acquired (an empty list when
        all were); the acquired ones are held until the transaction ends
    """
    locks = list(locks)
    if not locks:
        return []
    env = _env_of(env)
    keys = [_advisory_lock_key(lock) for lock in locks]
    env.cr.execute(
        "SELECT pg_try_advisory_xact_lock(key) FROM unnest(%s::bigint[]) AS key",
        (keys,),
    )
    acquired = [row[0] for row in env.cr.fetchall()]
    return [lock for lock, ok in zip(locks, acquired, strict=True) if not ok]


# {transaction: {lookup key: (binding id, bound record id or None)}} while an
# import runs (see _binder_lookup_memo); plain dict: entries are removed at
# the end of the block that added them.
_LOOKUP_MEMOS = {}


@contextmanager
def _binder_lookup_memo(env):
    """Within the block, binders remember the bindings they *found* in this
    transaction, so that the same lookup (e.g. a dependency checked by the
    importer, then resolved by the mapper) costs one query, not two.

    Only hits are remembered (a binding created meanwhile is found by the
    next lookup); the memo is dropped when the outermost block ends. Code
    deleting or re-binding bindings inside the block must not rely on a
    lookup made before. Used by the importers of the unit layer.
    """
    transaction = _env_of(env).transaction
    if transaction in _LOOKUP_MEMOS:
        yield
        return
    _LOOKUP_MEMOS[transaction] = {}
    try:
        yield
    finally:
        _LOOKUP_MEMOS.pop(transaction, None)


def _unit_module(unit_class):
    """The addon a unit class belongs to, as the backends' lookups see it.

    Read when called, so that a ``_module`` (10.0 name) or
    ``_openerp_module_`` (9.0 name) assigned to the class after its
    creation counts. When only one of them was changed, the changed one wins;
    when both were, ``_module`` wins.
    """
    module = getattr(unit_class, "_module", None)
    openerp_module = getattr(unit_class, "_openerp_module_", None)
    created = vars(unit_class).get("_module_at_creation")
    if module == created and openerp_module is not None:
        return openerp_module
    return module or openerp_module or get_openerp_module(unit_class)


class MetaConnectorUnit(type):
    """The class of every ConnectorUnit class.

    It records on each class the addon that defines it, in ``_module`` and
    under its 9.0 name ``_openerp_module_`` (as Odoo records the addon of a
    model class): a backend looking for a unit ignores the classes of addons
    not installed in the database.

    Either attribute may be reassigned after the class is created (tests do,
    to make a class look like one of an uninstalled addon); lookups read it
    then, and the name that was changed wins::

        UninstalledUnit._openerp_module_ = "not_installed_addon"
    """

    def __init__(cls, name, bases, attrs):
        super().__init__(name, bases, attrs)
        cls._module_at_creation = get_openerp_module(cls)
        cls._module = cls._module_at_creation
        cls._openerp_module_ = cls._module_at_creation

    @property
    def for_model_names(cls):
        """The names of the models the class serves, always as a list (a
        ``_model_name`` given as one string is wrapped); what
        :meth:`~ConnectorUnit.match` compares a model with.

        :raise NotImplementedError: when the class has no ``_model_name``
        """
        model_name = cls._model_name
        if model_name is None:
            raise NotImplementedError(
                f"no _model_name for {cls}: set _model_name to the model the "
                "unit serves (a name, or a list of names), e.g. _model_name = "
                '"shop.res.partner"; a base class without model must not be '
                "decorated with (registered on) a backend"
            )
        if isinstance(model_name, str):
            return [model_name]
        return list(model_name)


class ConnectorUnit(metaclass=MetaConnectorUnit):
    """The base of every class a :class:`~odoo.addons.connector.backend.Backend`
    registers: the :class:`Binder`, the
    :class:`~odoo.addons.connector.unit.mapper.Mapper` classes, the
    :class:`~odoo.addons.connector.unit.synchronizer.Synchronizer` classes,
    the :class:`~odoo.addons.connector.unit.backend_adapter.BackendAdapter`
    classes, and any unit a connector adds.

    A subclass names in ``_model_name`` the model, or the list of models, it
    serves. Units are not built by hand:
    :meth:`ConnectorEnvironment.get_connector_unit` (or :meth:`unit_for`
    from another unit) finds the class registered for the model and builds
    it with the environment.
    """

    _model_name = None  # str or list of str

    def __init__(self, connector_env):
        """
        :param connector_env: the environment the unit works in (backend,
            Odoo environment, model)
        :type connector_env: :class:`ConnectorEnvironment`
        """
        self.connector_env = connector_env
        self.backend_record = connector_env.backend_record
        self.backend = connector_env.backend

    @classmethod
    def match(cls, session, model):
        """Whether the class serves ``model`` (one of its
        :attr:`~MetaConnectorUnit.for_model_names`).

        :param session: the session or environment of the lookup (not used,
            part of the 9.0 signature)
        :type session: :class:`~odoo.addons.connector.session.ConnectorSession`
        :param model: a model name or a model (recordset)
        :type model: str or :class:`odoo.models.Model`
        """
        model_name = model if isinstance(model, str) else model._name
        return model_name in cls.for_model_names

    @property
    def session(self):
        """The session (9.0) or environment of the connector environment."""
        return self.connector_env.session

    @property
    def env(self):
        """The Odoo environment (``odoo.api.Environment``) the unit works in."""
        return self.connector_env.env

    @property
    def model(self):
        """The model the unit works on (an empty recordset)."""
        return self.connector_env.model

    @property
    def localcontext(self):
        """The context of the unit's environment, under the name the
        translation function ``_()`` of older Odoo versions looked up on the
        caller to find the language. Kept for 9.0 code; new code reads
        ``self.env.context``."""
        return self.env.context

    def unit_for(self, connector_unit_class, model=None):
        """A unit of the same backend: the one registered for this unit's
        model (or for ``model``) that is a ``connector_unit_class``, the
        class itself or a subclass.

        For another model, the unit gets an environment of its own, built by
        :meth:`ConnectorEnvironment.create_environment` on the class of this
        unit's environment (a subclass keeps its extra attributes, those in
        ``_propagate_kwargs``).

        :param connector_unit_class: the class searched (a
            :class:`ConnectorUnit` subclass)
        :param model: the name of another model the unit must serve
            (default: this unit's model)
        :type model: str
        :raise NoConnectorUnitError: when the backend has no such unit
        """
        if model is None or model == self.model._name:
            env = self.connector_env
        else:
            env = self.connector_env.create_environment(
                self.backend_record,
                self.connector_env.session,
                model,
                connector_env=self.connector_env,
            )
        return env.get_connector_unit(connector_unit_class)

    def binder_for(self, model=None):
        """The :class:`Binder` of this unit's model, or of ``model`` (see
        :meth:`unit_for`)."""
        return self.unit_for(Binder, model)

    def advisory_lock_or_retry(self, lock, retry_seconds=1):
        """Take the advisory lock of the text ``lock`` for the transaction
        (:func:`pg_try_advisory_lock`), or give the job back to the queue.

        A lock held by another transaction raises
        :class:`~odoo.addons.queue_job.exception.RetryableJobError`:
        queue_job runs the job again ``retry_seconds`` later, and this try
        does not count among its retries. An importer locks the record it
        imports first thing::

            def run(self, external_id):
                self.external_id = external_id
                self.advisory_lock_or_retry(self._lock_name(), retry_seconds=2)
                ...

        :param lock: the text of the lock (anything ``str()`` accepts),
            naming what two jobs must not do at once: the action, the
            backend, the model, the record; see the ``*_lock_name``
            functions of :mod:`~odoo.addons.connector.unit.synchronizer`
        :param retry_seconds: delay before the job runs again
        """
        if not pg_try_advisory_lock(self.env, lock):
            raise RetryableJobError(
                f"Could not acquire advisory lock: {lock}",
                seconds=retry_seconds,
                ignore_retry=True,
            )


def _init_takes_session(env_class):
    """Whether the ``__init__`` of a ConnectorEnvironment class takes the
    9.0 ``session`` argument, or only ``(backend_record, model_name)`` as
    10.0 environments do."""
    if env_class.__init__ is ConnectorEnvironment.__init__:
        return True
    params = [
        p
        for p in list(inspect.signature(env_class.__init__).parameters.values())[1:]
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if len(params) >= 2 and params[1].name in ("session", "env"):
        return True
    if len(params) >= 2 and params[1].name in ("model_name", "model"):
        return False
    return len([p for p in params if p.default is p.empty]) >= 3


class ConnectorEnvironment:
    """What the units of one synchronization share: the backend record, the
    Odoo environment (or 9.0 session) and the model they work on.

    Both legacy call forms are accepted::

        ConnectorEnvironment(backend_record, session, model_name)  # 9.0
        ConnectorEnvironment(backend_record, model_name)  # 10.0: env of the record

    where ``session`` is a
    :class:`~odoo.addons.connector.session.ConnectorSession` or an Odoo
    environment.

    .. attribute:: backend

        The :class:`~odoo.addons.connector.backend.Backend` (service and
        version) whose units are searched, as
        ``backend_record.get_backend()`` gives it.

    .. attribute:: backend_record

        The record of the backend model (a model inheriting
        ``connector.backend``, with its ``version``).

    .. attribute:: session

        What the environment was built with: a
        :class:`~odoo.addons.connector.session.ConnectorSession` (9.0) or
        an Odoo environment; :attr:`env` is the Odoo environment either way.

    .. attribute:: model_name

        The name of the model the units work on.

    .. attribute:: _propagate_kwargs

        The names of attributes an environment built by
        :meth:`create_environment` from this one receives too, as keyword
        arguments of its ``__init__``: a subclass carrying, say, an API
        client lists it there.
    """

    _propagate_kwargs = []

    def __init__(self, backend_record, session, model_name=None):
        """
        :param backend_record: the record of the backend
        :param session: a ``ConnectorSession`` or an Odoo environment; in
            the 10.0 form, the model name
        :param model_name: the model name, in the 9.0 form
        """
        if model_name is None and isinstance(session, str):
            # 10.0 form: (backend_record, model_name), env of the record
            session, model_name = backend_record.env, session
        if not isinstance(model_name, str):
            raise TypeError(
                f"ConnectorEnvironment expects a model name, got {model_name!r}"
            )
        if not hasattr(backend_record, "get_backend"):
            raise TypeError(
                "ConnectorEnvironment expects a record of a backend model (one "
                f"inheriting connector.backend), got {backend_record!r} (for the "
                f"units of {model_name})"
            )
        if isinstance(backend_record, models.BaseModel) and len(backend_record) != 1:
            raise ValueError(
                f"ConnectorEnvironment expects one backend record, got "
                f"{backend_record!r} (for the units of {model_name})"
            )
        self.backend_record = backend_record
        self.session = session
        self.model_name = model_name
        self.backend = self.backend_record.get_backend()

    @property
    def env(self):
        """The Odoo environment units work in."""
        return _env_of(self.session)

    @property
    def model(self):
        """The model to work with (an empty recordset)."""
        return self.env[self.model_name]

    @property
    def pool(self):
        """The Odoo registry of the database."""
        return self.env.registry

    @classmethod
    def create_environment(
        cls, backend_record, session, model=None, connector_env=None
    ):
        """Build another environment of the same class, for another model,
        carrying the ``_propagate_kwargs`` attributes of ``connector_env``.

        Called as ``create_environment(backend_record, session, model,
        connector_env=None)`` (9.0) or ``create_environment(backend_record,
        model, connector_env=None)`` (10.0). The environment is an instance
        of the class it is called on; called on an instance, of that
        instance's class.

        :param backend_record: the record of the backend
        :type backend_record: :class:`odoo.models.Model`
        :param session: a ``ConnectorSession`` or an Odoo environment (in the
            10.0 form, the model name)
        :param model: the name of the model of the new environment
        :type model: str
        :param connector_env: the environment whose ``_propagate_kwargs``
            attributes the new one receives
        :type connector_env: :class:`ConnectorEnvironment`
        """
        if isinstance(session, str):
            # 10.0 form: (backend_record, model, connector_env=None)
            if model is not None and connector_env is None:
                connector_env = model
            session, model = backend_record.env, session
        kwargs = {}
        if connector_env is not None:
            kwargs = {
                name: getattr(connector_env, name)
                for name in connector_env._propagate_kwargs
            }
        if _init_takes_session(cls):
            return cls(backend_record, session, model, **kwargs)
        return cls(backend_record, model, **kwargs)

    def get_connector_unit(self, base_class):
        """The unit the backend registers for this environment's model that
        is a ``base_class`` (the class itself or a subclass), built with this
        environment.

        :param base_class: the class searched (a :class:`ConnectorUnit`
            subclass)
        :raise NoConnectorUnitError: when the backend has none for the model
        """
        unit_class = self.backend.get_class(base_class, self.session, self.model_name)
        return unit_class(self)


class Binder(ConnectorUnit):
    """The unit that links Odoo records to external ids, through the records
    of a binding model: it finds the binding of an external id, the external
    id of a binding, and writes the link.

    Connectors use it as it is or subclass it. It expects a binding model
    that ``_inherits`` the model it binds (or points to it with a link
    field), as models inheriting ``external.binding`` do.

    The field names are class attributes: ``_external_field``
    (``external_id``), ``_backend_field`` (``backend_id``), ``_openerp_field``
    or its 10.0 name ``_odoo_field`` (the link to the bound record; when a
    binder sets neither, whichever of ``openerp_id`` and ``odoo_id`` the
    binding model has), ``_sync_date_field`` (``sync_date``),
    ``_version_field`` (``external_version``: the version of the external
    record last imported, compared by the importers).

    External ids are stored as strings, so ``0`` is a valid external id;
    ``None``, ``False``, ``True`` and ``''`` are no id at all. Lookups
    include archived bindings. Methods accept records or ids.

    The 9.0 and 10.0 names of a method are one method: :meth:`to_openerp`
    and :meth:`to_internal`, :meth:`to_backend` and :meth:`to_external`. A
    subclass overrides either name of a pair and both run its code, whichever
    the caller uses (the synchronizers call the 10.0 names, the 9.0 mapper
    modifiers the 9.0 ones); ``super()`` reaches the parent's code under
    either name::

        class ShopBinder(Binder):
            _model_name = "shop.res.partner"

            def to_openerp(self, external_id, unwrap=False):  # 9.0 name
                return super().to_openerp(str(external_id).strip(), unwrap=unwrap)

        # ShopBinder(...).to_internal(" 42 ") runs the override too

    A class defining both names of a pair keeps them apart.
    """

    _model_name = None  # the binding model(s): set by each subclass
    _external_field = "external_id"
    _backend_field = "backend_id"
    _openerp_field = None
    _odoo_field = None
    _sync_date_field = "sync_date"
    _version_field = "external_version"

    # (9.0 name, 10.0 name) of the methods that are one method under two names
    _NAME_PAIRS = (("to_openerp", "to_internal"), ("to_backend", "to_external"))

    def __init_subclass__(cls, **kwargs):  # pylint: disable=missing-return
        """Make both names of a pair run the override of either: the class
        nearest in the MRO that defines one of the names decides, and when
        it defines only one, the other name is bound to the same function on
        ``cls``."""
        super().__init_subclass__(**kwargs)
        for pair in cls._NAME_PAIRS:
            for klass in cls.__mro__:
                defined = [name for name in pair if name in vars(klass)]
                if defined:
                    break
            if len(defined) == 1:
                (name,) = defined
                other = pair[1] if name == pair[0] else pair[0]
                setattr(cls, other, vars(klass)[name])

    @property
    def _link_field(self):
        """The field of the binding that points to the bound record."""
        field = self._odoo_field or self._openerp_field
        if field:
            return field
        for name in ("openerp_id", "odoo_id"):
            if name in self.model._fields:
                return name
        return "odoo_id"

    @staticmethod
    def _is_empty_id(external_id):
        """``None``, ``False``, ``True`` and ``''`` are no external id;
        ``0`` is one."""
        return external_id is None or isinstance(external_id, bool) or external_id == ""

    def _check_binding_fields(self):
        """Refuse a binding model without the fields the binder reads (a
        binder registered for a model that is no binding)."""
        fields_ = self.model._fields
        for attribute in ("_external_field", "_backend_field"):
            name = getattr(self, attribute)
            if name not in fields_:
                raise BindingError(
                    f"{type(self).__name__} (binder of {self.model._name} on "
                    f"{self.backend}) reads the field {name!r} ({attribute}), which "
                    f"{self.model._name} does not have: is it a binding model "
                    "(inheriting external.binding, with backend_id and "
                    f"external_id)? Else set {attribute} to its field."
                )
        field = fields_[self._backend_field]
        backend_model = self.backend_record._name
        if field.type == "many2one" and field.comodel_name != backend_model:
            raise BindingError(
                f"{type(self).__name__} (binder of {self.model._name} on "
                f"{self.backend}) was given the backend record "
                f"{self.backend_record!r}, but {self.model._name}.{field.name} "
                f"points to {field.comodel_name}: work with a {field.comodel_name} "
                "record (the backend of this binding model)"
            )

    def _check_binding_record(self, binding, model_name=None):
        """Refuse a record of another model than the binding model (or
        ``model_name``)."""
        expected = model_name or self.model._name
        if binding._name != expected:
            if model_name:
                hint = (
                    f"with wrap=True, give a record of {expected} (the model "
                    f"{self.model._name} binds); give a binding without wrap"
                )
            else:
                hint = (
                    f"give a {expected} binding, or the {self.unwrap_model()} "
                    "record it binds with wrap=True; for the records of "
                    f"another binding model, use its binder: "
                    f"binder_for({binding._name!r})"
                    if self._link_field in self.model._fields
                    else f"give a {expected} binding; for the records of another "
                    f"binding model, use its binder: binder_for({binding._name!r})"
                )
            raise BindingError(
                f"{type(self).__name__} works on {expected} records, got a record "
                f"of {binding._name}: {binding!r}; {hint}"
            )

    def to_openerp(self, external_id, unwrap=False):
        """The binding of ``external_id`` on this binder's backend (archived
        ones included), or with ``unwrap`` the Odoo record it binds.

        :param external_id: the external id looked up
        :param unwrap: return the bound record instead of the binding
        :return: the binding or the bound record; an empty recordset when
            the external id has no binding
        :rtype: recordset
        """
        self._check_binding_fields()
        if isinstance(external_id, models.BaseModel):
            # str() of a record would be searched as an id and find nothing
            raise BindingError(
                f"{type(self).__name__}.to_internal/to_openerp expects an external "
                f"id, got the record {external_id!r}: to get the external id of a "
                "binding, use to_external (to_backend)"
            )
        link = self._link_field
        has_link = link in self.model._fields
        memo = _LOOKUP_MEMOS.get(self.env.transaction)
        key = self._memo_key(external_id)
        if self._is_empty_id(external_id):
            bindings = self.model.browse()
        elif memo is not None and key in memo:
            binding_id, link_id = memo[key]
            bindings = self.model.browse(binding_id)
            if unwrap and has_link:
                return self.env[self.model._fields[link].comodel_name].browse(link_id)
        else:
            # the link (and the sync date importers compare) are read by the
            # same query as the search
            fetch = [link] if (unwrap or memo is not None) and has_link else []
            if memo is not None:
                # what the importers compare next: read by the same query
                fetch += [
                    name
                    for name in (self._sync_date_field, self._version_field)
                    if name and name in self.model._fields
                ]
            bindings = self._search_bindings(str(external_id), fetch)
            if memo is not None and len(bindings) == 1:
                # a stand-alone binding (no link field) is remembered alone
                memo[key] = (bindings.id, bindings[link].id if has_link else None)
            if len(bindings) > 1:
                raise ValueError(
                    f"Several {self.model._name} bindings found for external id "
                    f"{external_id!r} on {self.backend_record!r}: {bindings.ids}"
                )
            # the search disabled active_test: give back the caller's context
            bindings = bindings.with_env(self.model.env)
        if not unwrap:
            return bindings
        if not has_link:
            raise ValueError(self._cannot_unwrap_message())
        return bindings[link]

    #: 10.0 name of :meth:`to_openerp` (an override of either runs for both).
    to_internal = to_openerp

    def to_odoo(self, external_id, unwrap=False):
        """:meth:`to_internal`, under the name the first 10.0 binders had
        (late 2016). Not one method with it: 9.0 connectors define their
        own ``to_odoo`` calling ``to_openerp``, which must not call back."""
        return self.to_internal(external_id, unwrap=unwrap)

    def _search_bindings(self, external_id, fetch):
        """The bindings of ``external_id`` on the backend, archived ones
        included, with the fields ``fetch`` read by the same query.

        When the ORM would add nothing to it (no record rule applies, the
        model does not override ``_search``, every field is a plain column
        of the binding's own table), the lookup is one SQL statement sent
        as is, with the ORM's own access check, flush and cache: the ORM's
        search costs about four times the query on this hot path (one per
        record imported). Else it is the ORM's ``search_fetch``.
        """
        model = self.model
        names = [self._external_field, self._backend_field, *fetch]
        if not self._plain_lookup(model, names):
            return model.with_context(active_test=False).search_fetch(
                [
                    (self._external_field, "=", external_id),
                    (self._backend_field, "=", self.backend_record.id),
                ],
                fetch,
            )
        model.browse().check_access("read")
        model.flush_model(names)
        columns = ", ".join(f'"{name}"' for name in fetch)
        self.env.cr.execute(
            f'SELECT "id"{", " if fetch else ""}{columns} FROM "{model._table}" '
            f'WHERE "{self._external_field}" = %s AND "{self._backend_field}" = %s',
            (external_id, self.backend_record.id),
        )
        rows = self.env.cr.fetchall()
        bindings = model.browse([row[0] for row in rows])
        for index, name in enumerate(fetch, start=1):
            # as the ORM's own fetch: cached, never overwriting a pending value
            self.env.cache.insert_missing(
                bindings, model._fields[name], [row[index] for row in rows]
            )
        return bindings

    @staticmethod
    def _plain_lookup(model, names):
        """Whether a lookup on the fields ``names`` of ``model`` may bypass
        the ORM's search (see :meth:`_search_bindings`)."""
        if type(model)._search is not models.BaseModel._search:
            return False
        for name in names:
            field = model._fields[name]
            if not (field.store and field.column_type) or field.inherited:
                return False
            if field.translate or field.company_dependent:
                return False
        return model.env.su or not model.env["ir.rule"]._compute_domain(
            model._name, "read"
        )

    def _memo_key(self, external_id):
        """Key of a lookup in the memo of :func:`_binder_lookup_memo`."""
        return (
            self.model._name,
            self.backend_record.id,
            str(external_id),
            self.env.uid,
            self.env.su,
        )

    def _memorize(self, bindings):
        """Remember ``bindings`` (fetched with their external id and link)
        for the lookups made in the current :func:`_binder_lookup_memo`
        block; does nothing outside one."""
        memo = _LOOKUP_MEMOS.get(self.env.transaction)
        if memo is None:
            return
        has_link = self._link_field in self.model._fields
        for binding in bindings:
            memo[self._memo_key(binding[self._external_field])] = (
                binding.id,
                binding[self._link_field].id if has_link else None,
            )

    def to_backend(self, binding_id, wrap=False):
        """The external id a binding holds.

        :param binding_id: a binding (record or id); with ``wrap``, a bound
            Odoo record (record or id) instead, whose binding on this
            binder's backend is looked up first
        :param wrap: whether ``binding_id`` is a bound record rather than a
            binding
        :return: the external id; ``None`` when ``wrap`` finds no binding,
            ``False`` when the binding has no external id yet
        """
        self._check_binding_fields()
        if wrap:
            if isinstance(binding_id, models.BaseModel):
                self._check_binding_record(binding_id, self.unwrap_model())
                binding_id.ensure_one()
                binding_id = binding_id.id
            binding = self.model.with_context(active_test=False).search(
                [
                    (self._link_field, "=", binding_id),
                    (self._backend_field, "=", self.backend_record.id),
                ]
            )
            if not binding:
                return None
            if len(binding) > 1:
                raise ValueError(
                    f"Several {self.model._name} bindings found for record id "
                    f"{binding_id} on {self.backend_record!r}: {binding.ids}"
                )
        else:
            binding = self._as_binding(binding_id)
        return binding[self._external_field]

    #: 10.0 name of :meth:`to_backend` (an override of either runs for both).
    to_external = to_backend

    def _as_binding(self, binding):
        """A single binding record from a record or an id."""
        if isinstance(binding, models.BaseModel):
            self._check_binding_record(binding)
        else:
            binding = self.model.browse(binding)
        binding.ensure_one()
        return binding

    def bind(self, external_id, binding_id):
        """Record on a binding the external id it stands for.

        The binding gets the external id (as a string) and the current time
        as its synchronization date, written with ``connector_no_export`` in
        the context: binding a record never starts its export.

        :param external_id: the external id (``0`` is one; ``None``,
            ``False``, ``True`` and ``''`` are refused)
        :param binding_id: the binding, as an id or a record
        :type binding_id: int
        :raise BindingError: (an ``AssertionError``) when one is missing
        """
        if self._is_empty_id(external_id) or binding_id is None or binding_id is False:
            raise BindingError(
                f"external_id or binding missing, got: {external_id!r}, {binding_id!r}"
            )
        if isinstance(binding_id, models.BaseModel) and not binding_id:
            raise BindingError(
                f"external_id or binding missing, got: {external_id!r}, {binding_id!r}"
            )
        self._check_binding_fields()
        binding = self._as_binding(binding_id)
        binding.with_context(connector_no_export=True).write(
            {
                self._external_field: str(external_id),
                self._sync_date_field: fields.Datetime.now(),
            }
        )

    def unwrap_binding(self, binding_id, browse=False):
        """The Odoo record a binding binds: a record for a binding given as
        a record; an id for a binding given as an id, or a record when
        ``browse`` is true (the 9.0 behaviour).

        :param binding_id: the binding, as an id or a record
        :param browse: with an id, return a record instead of an id
        :raise ValueError: if the binding model has no link field
        """
        if self._link_field not in self.model._fields:
            raise ValueError(self._cannot_unwrap_message())
        record = self._as_binding(binding_id)[self._link_field]
        if isinstance(binding_id, models.BaseModel) or browse:
            return record
        return record.id

    def _cannot_unwrap_message(self):
        """The message of an unwrapping on a binding model without link."""
        return (
            f"Cannot unwrap model {self.model._name}, because it has no "
            f"{self._link_field} fields ({type(self).__name__}): a stand-alone "
            "binding has no record to unwrap to, look it up without unwrap; "
            "else set _odoo_field (_openerp_field) to its link field"
        )

    def unwrap_model(self):
        """The name of the model the binding model binds (the target of its
        link field).

        :return: the model name, or ``None`` when the link field is not a
            relation
        :raise ValueError: if the binding model has no link field
        """
        try:
            field = self.model._fields[self._link_field]
        except KeyError as err:
            raise ValueError(self._cannot_unwrap_message()) from err
        return field.comodel_name
