# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Backends: the registry of ConnectorUnits for one external service.

A :class:`Backend` stands for an external service (``'shop'``), or for one
version of it (``'2.0'``). A connector registers its
:class:`~odoo.addons.connector.connector.ConnectorUnit` classes on it, and
:meth:`Backend.get_class` picks the one unit class a model uses::

    shop = Backend("shop")
    shop_v2 = Backend(parent=shop, version="2.0")

    @shop
    class PartnerImporter(Importer):
        _model_name = "shop.res.partner"

    @shop_v2(replacing=PartnerImporter)
    class PartnerImporterV2(PartnerImporter):
        ...

A connector grows in two directions:

* per version of the service: a child backend (``parent=``) registers only
  what differs for that version; whatever it lacks is looked up on its
  parent, then on the parent's parent;
* per addon: an optional addon registers a unit with ``replacing=`` to take
  the place of one of the connector's units where it is installed. Keep it
  for rare cases: when two addons replace the same unit, both are found and
  the lookup fails.

Lookups never return a unit class whose Odoo addon is not installed in the
database being worked on, so one Odoo process can serve databases with
different sets of addons.

Every :class:`Backend` registers itself, when created, in a process-wide
:class:`BackendRegistry` (:data:`BACKENDS`); :func:`get_backend` finds one by
service and version.
"""

from collections import namedtuple

from .connector import _env_of, _unit_module, is_module_installed
from .exception import NoBackendError, NoConnectorUnitError, SeveralConnectorUnitsError

__all__ = ["Backend", "BackendRegistry", "BACKENDS", "get_backend"]


def _normalize_version(version):
    """An empty version (``None``, ``False``, ``''``) means "no version"."""
    return version or None


class BackendRegistry:
    """The set of all :class:`Backend` instances of a process.

    :attr:`backends` is a plain set; tests that create backends should remove
    them afterwards (``BACKENDS.backends.discard(backend)``) or create them
    with their own registry (``Backend('x', registry=BackendRegistry())``).
    """

    def __init__(self):
        self.backends = set()

    def register_backend(self, backend):
        """Add ``backend`` to the registry."""
        self.backends.add(backend)

    def get_backend(self, service, version=None):
        """Return the backend registered for ``service`` and ``version``.

        An empty ``version`` (``None``, ``False`` or ``''``, as an unset
        selection field gives) finds the backend created without version.

        :raise NoBackendError: when none, or more than one, matches
        """
        version = _normalize_version(version)
        found = [
            backend for backend in self.backends if backend.match(service, version)
        ]
        if not found:
            known = (
                ", ".join(sorted(str(backend) for backend in self.backends)) or "none"
            )
            if version is None and any(
                backend.service == service for backend in self.backends
            ):
                hint = (
                    f"give the backend record one of the versions of {service!r} "
                    f"listed, or create Backend({service!r}) without version"
                )
            elif any(backend.service == service for backend in self.backends):
                hint = (
                    f"create Backend(parent=<the {service!r} backend>, "
                    f"version={version!r}), or give the backend record one of "
                    f"the versions of {service!r} listed"
                )
            else:
                hint = (
                    f"create Backend({service!r}) in a module its addon imports, "
                    "or correct the service name (the _backend_type of the "
                    "backend model)"
                )
            raise NoBackendError(
                f"No backend found for service {service!r} and version {version!r}"
                f" (registered backends: {known}): {hint}"
            )
        if len(found) > 1:
            raise NoBackendError(
                f"Several backends registered for service {service!r} and "
                f"version {version!r}: {found}. Each Backend(...) call creates "
                "and registers a new backend: create it once, in one module "
                "(e.g. backend.py), and import it from there wherever units "
                "are decorated with it"
            )
        return found[0]


#: The process-wide registry every :class:`Backend` registers itself in.
BACKENDS = BackendRegistry()


def get_backend(service, version=None):
    """Return the :class:`Backend` of ``service`` and ``version`` from
    :data:`BACKENDS` (see :meth:`BackendRegistry.get_backend`)."""
    return BACKENDS.get_backend(service, version=version)


class _ConnectorUnitEntry(namedtuple("_ConnectorUnitEntry", ["cls", "replaced_by"])):
    """A unit class registered on a backend, and the entries of the classes
    registered with ``replacing=`` it."""

    __slots__ = ()

    @property
    def odoo_module(self):
        """The addon of the class, read now (see
        :func:`~odoo.addons.connector.connector._unit_module`)."""
        return _unit_module(self.cls)

    @property
    def openerp_module(self):
        """The 9.0 name of :attr:`odoo_module`."""
        return self.odoo_module


def _as_class_list(replacing):
    """``replacing`` may be one class or an iterable of classes."""
    if replacing is None:
        return []
    if isinstance(replacing, type):
        return [replacing]
    return list(replacing)


class Backend:
    """A backend: the service a connector talks to, and optionally its version.

    :param service: name of the service (the ``_backend_type`` of the backend
        model); a child backend takes it from its parent when not given
    :param version: version of the service, ``None`` for no version
    :param parent: the backend to fall back to when a lookup finds nothing
    :param registry: the :class:`BackendRegistry` to register in
        (:data:`BACKENDS` by default)
    :raise ValueError: when neither ``service`` nor ``parent`` is given

    The instance is a decorator registering unit classes (see the module
    documentation): ``@backend`` or ``@backend(replacing=OtherUnit)``.
    """

    def __init__(self, service=None, version=None, parent=None, registry=None):
        if service is None and parent is None:
            raise ValueError("A service or a parent service is expected")
        self._service = service
        self.version = _normalize_version(version)
        self.parent = parent
        self._class_entries = []
        if registry is None:
            registry = BACKENDS
        registry.register_backend(self)

    @property
    def service(self):
        """Name of the service, inherited from the parent when not set."""
        return self._service or self.parent.service

    def match(self, service, version):
        """Whether this backend is the one of ``service`` and ``version``
        (an empty version matches a backend without version)."""
        return self.service == service and self.version == _normalize_version(version)

    def __str__(self):
        if self.version:
            return f"Backend({self.service!r}, {self.version!r})"
        return f"Backend({self.service!r})"

    def __repr__(self):
        if self.version:
            return f"<Backend {self.service!r}, {self.version!r}>"
        return f"<Backend {self.service!r}>"

    def _get_classes(self, base_class, env, model_name):
        """The candidate unit classes of this backend, else of its parents."""

        def follow_replacing(entries):
            candidates = set()
            for entry in entries:
                replacings = (
                    follow_replacing(entry.replaced_by) if entry.replaced_by else None
                )
                if replacings:
                    candidates.update(replacings)
                elif (
                    is_module_installed(env, entry.odoo_module)
                    and issubclass(entry.cls, base_class)
                    and entry.cls.match(env, model_name)
                ):
                    candidates.add(entry.cls)
            return candidates

        candidates = follow_replacing(self._class_entries)
        if not candidates and self.parent is not None:
            return self.parent._get_classes(base_class, env, model_name)
        return candidates

    def get_class(self, base_class, session, model_name):
        """Find the one unit class for ``model_name``.

        Candidates are the classes registered on this backend that are
        ``base_class`` or one of its subclasses, serve ``model_name``, and
        belong to an addon installed in the database of ``session``. A class
        replaced (``replacing=``) by an installed candidate is not one. When
        this backend has none, its parent is searched, and so on.

        :param base_class: the ConnectorUnit class (or base class) searched
        :param session: a :class:`~odoo.addons.connector.session.ConnectorSession`
            or an Odoo environment
        :param model_name: the model the unit must serve
        :return: the class (not an instance)
        :raise NoConnectorUnitError: when no class matches
        :raise SeveralConnectorUnitsError: when several match (an
            ``AssertionError``); the message lists them
        """
        env = _env_of(session)
        candidates = self._get_classes(base_class, env, model_name)
        if not candidates:
            raise NoConnectorUnitError(
                f"No matching class found for {base_class.__name__} with model "
                f"name: {model_name} on {self}. "
                + self._registered_for(env, model_name)
                + " Usual causes: the Python module defining the unit is not "
                "imported by its addon (check the __init__.py files), the class "
                f"is not decorated with @{self.service} (or is registered on "
                "another backend or version), its _model_name does not list "
                f"{model_name}, it is no {base_class.__name__}, or its addon "
                "is not installed in this database."
            )
        if len(candidates) > 1:
            names = ", ".join(
                sorted(f"{c.__module__}.{c.__name__}" for c in candidates)
            )
            raise SeveralConnectorUnitsError(
                f"Several classes found for {base_class.__name__} with model "
                f"name: {model_name} on {self}. Found: {names}"
            )
        return candidates.pop()

    def _registered_for(self, env, model_name):
        """A sentence listing the unit classes registered for ``model_name``
        on this backend and its parents (for error messages)."""
        found = []
        backend = self
        while backend is not None:
            for entry in backend._class_entries:
                try:
                    serves = model_name in entry.cls.for_model_names
                except NotImplementedError:
                    serves = False
                if not serves:
                    continue
                note = (
                    ""
                    if is_module_installed(env, entry.odoo_module)
                    else (f", addon {entry.odoo_module} not installed")
                )
                found.append(
                    f"{entry.cls.__module__}.{entry.cls.__name__} "
                    f"({entry.cls.__mro__[1].__name__} on {backend}{note})"
                )
            backend = backend.parent
        if not found:
            return f"No unit is registered for {model_name} on {self} or its parents."
        return f"Registered for {model_name}: {', '.join(found)}."

    def register_class(self, cls, replacing=None):
        """Register a unit class on this backend.

        :param cls: the ConnectorUnit class
        :param replacing: a class, or several, registered on *this* backend,
            that ``cls`` replaces wherever ``cls``'s addon is installed
        :raise ValueError: when ``cls`` replaces itself or a class that is
            not registered on this backend
        """
        entry = _ConnectorUnitEntry(cls=cls, replaced_by=[])
        for replaced in _as_class_list(replacing):
            if replaced is cls:
                raise ValueError(f"{cls!r} cannot replace itself")
            replaced_entries = [e for e in self._class_entries if e.cls is replaced]
            if not replaced_entries:
                raise ValueError(
                    f"{cls!r} replaces {replaced!r}, which is not registered on {self}"
                )
            for replaced_entry in replaced_entries:
                replaced_entry.replaced_by.append(entry)
        self._class_entries.append(entry)

    def unregister_class(self, cls):
        """Remove ``cls`` from this backend, including where it replaced
        another class. Unknown classes are ignored."""
        self._class_entries = [e for e in self._class_entries if e.cls is not cls]
        for entry in self._class_entries:
            entry.replaced_by[:] = [e for e in entry.replaced_by if e.cls is not cls]

    def __call__(self, cls=None, replacing=None):
        """Register ``cls`` (decorator); ``@backend(replacing=Unit)`` works
        too. Returns the class unchanged."""

        def decorator(klass):
            self.register_class(klass, replacing=replacing)
            return klass

        if cls is None:
            return decorator
        return decorator(cls)
