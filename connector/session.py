# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The 9.0 ``ConnectorSession``: a thin layer over an Odoo environment.

Connectors written for 9.0 pass a session (cursor, user, context) where
10.0 and later pass an :class:`odoo.api.Environment`. Everything in this
framework accepts both, so 9.0 code runs as it is::

    session = ConnectorSession.from_env(env)
    with session.change_context(lang="fr_FR"):
        env = ConnectorEnvironment(backend_record, session, "res.partner")

New code should pass the environment directly.
"""

import logging
from contextlib import contextmanager

from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import config

from .connector import is_module_installed

_logger = logging.getLogger(__name__)

__all__ = ["ConnectorSession", "ConnectorSessionHandler"]


class ConnectorSession:
    """What 9.0 code works with in place of an Odoo environment: a cursor,
    a user and a context.

    Since Odoo 10 these three make an environment, and a session is no more
    than one kept in :attr:`env`; :attr:`cr`, :attr:`uid`, :attr:`context`
    and :attr:`pool` read from it. :meth:`change_user` and
    :meth:`change_context` swap it for the duration of a block.

    :param cr: the database cursor
    :param uid: the id of the user
    :param context: the context (a dict; empty by default)
    """

    def __init__(self, cr, uid, context=None):
        self.env = api.Environment(cr, uid, context or {})

    @classmethod
    def from_env(cls, env):
        """Return a session on the same environment as ``env``."""
        session = cls.__new__(cls)
        session.env = env
        return session

    @property
    def cr(self):
        """The database cursor."""
        return self.env.cr

    @property
    def uid(self):
        """The id of the user."""
        return self.env.uid

    @property
    def context(self):
        """The context (a frozen dict)."""
        return self.env.context

    @property
    def pool(self):
        """The Odoo registry of the database."""
        return self.env.registry

    @contextmanager
    def change_user(self, uid):
        """Temporarily work as another user (restored on exit, even on error)."""
        previous_env = self.env
        self.env = self.env(user=uid)
        try:
            yield self
        finally:
            self.env = previous_env

    @contextmanager
    def change_context(self, *args, **kwargs):
        """Temporarily change the context, with the arguments of
        :meth:`odoo.models.Model.with_context`: a new context dictionary
        (positional) and/or keys to update (restored on exit, even on
        error)."""
        context = dict(args[0] if args else self.context, **kwargs)
        previous_env = self.env
        self.env = self.env(context=context)
        try:
            yield self
        finally:
            self.env = previous_env

    def commit(self):
        """Commit the cursor, except in tests, where it does nothing.

        Inside a job declared with the legacy ``@job`` decorator, a commit
        works as in 9.0: where queue_job forbids commits inside jobs
        (18.0.4 and later), the job functions of those jobs are created with
        *Allow Commit*, which runs them on a cursor of their own. What was
        committed stays if the job fails afterwards: the job's retry must
        find it (an exporter reads the external id bound before the
        commit). Jobs of the new API (``with_delay()`` on a method without
        the decorator) must not commit on those releases.
        """
        if config["test_enable"]:
            _logger.debug("session.commit() ignored in tests")
            return
        # the 9.0 API commits on request (in a job: see above)
        self.cr.commit()  # pylint: disable=invalid-commit

    def rollback(self):
        """Roll back the transaction of the cursor."""
        self.cr.rollback()

    def close(self):
        """Close the cursor (9.0 API; an open transaction is rolled back)."""
        self.cr.close()

    def is_module_installed(self, module_name):
        """Whether the Odoo addon ``module_name`` is installed."""
        return is_module_installed(self.env, module_name)

    def __repr__(self):
        return (
            f"<Session db_name: {self.cr.dbname}, uid: {self.uid}, "
            f"context: {dict(self.context)}>"
        )


class ConnectorSessionHandler:
    """Sessions for code that runs outside any request or job (a script, a
    thread of its own), each on a cursor of its own::

        handler = ConnectorSessionHandler(db_name, uid)
        with handler.session() as session:
            ...  # committed at the end, rolled back on error

    :param db_name: the name of the database
    :param uid: the id of the user the sessions act as
    :param context: the context of the sessions (a dict)
    """

    def __init__(self, db_name, uid, context=None):
        self.db_name = db_name
        self.uid = uid
        self.context = {} if context is None else context

    @contextmanager
    def session(self):
        """Yield a :class:`ConnectorSession` on a new cursor, committed when
        the block ends, rolled back if it raises, closed in both cases."""
        registry = Registry(self.db_name).check_signaling()
        with registry.cursor() as cr:
            session = ConnectorSession(cr, self.uid, context=self.context)
            try:
                yield session
            except BaseException:
                cr.rollback()
                raise
            session.env.flush_all()
        registry.signal_changes()
