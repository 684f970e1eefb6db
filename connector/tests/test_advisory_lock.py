# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
import hashlib
import struct

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase

from odoo.addons.connector.connector import _advisory_lock_key, pg_try_advisory_lock


class TestAdvisoryLock(TransactionCase):
    """Transaction-scoped advisory locks, on real concurrent connections."""

    LOCK = "import_record(backend.name, 1, res.partner, 999999)"

    def test_key_of_a_known_text(self):
        """The key is the one the original framework derived."""
        self.assertEqual(_advisory_lock_key(self.LOCK), -3387210855694588674)

    def test_key_derivation(self):
        """sha1 of the UTF-8 text, first 8 bytes, native signed 64-bit."""
        for text in ["a", "import_record(x, 2, y, 0)", "ünïcode lock ✓", 42]:
            digest = hashlib.sha1(str(text).encode("utf-8")).digest()
            expected = struct.unpack("q", digest[:8])[0]
            self.assertEqual(_advisory_lock_key(text), expected)

    def test_lock_is_held_until_the_transaction_ends(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            self.assertTrue(pg_try_advisory_lock(env1, self.LOCK))
            # taken again in the same transaction: granted (re-entrant)
            self.assertTrue(pg_try_advisory_lock(env1, self.LOCK))
            self.assertFalse(pg_try_advisory_lock(env2, self.LOCK))
            self.assertTrue(pg_try_advisory_lock(env2, self.LOCK + " other"))
            cr1.rollback()
            self.assertTrue(pg_try_advisory_lock(env2, self.LOCK))
            self.assertFalse(pg_try_advisory_lock(env1, self.LOCK))
            cr2.rollback()
            cr1.rollback()

    def test_lock_is_released_at_commit(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            self.assertTrue(pg_try_advisory_lock(env1, self.LOCK))
            self.assertFalse(pg_try_advisory_lock(env2, self.LOCK))
            cr1.commit()
            self.assertTrue(pg_try_advisory_lock(env2, self.LOCK))
            cr2.rollback()
