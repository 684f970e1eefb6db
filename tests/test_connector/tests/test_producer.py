# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.connector.connector import Binder, ConnectorEnvironment
from odoo.addons.connector.event import (
    on_record_create,
    on_record_unlink,
    on_record_write,
    skip_if_no_connector_export,
)
from odoo.addons.connector.models.base import Base as ProducerBase
from odoo.addons.connector.session import ConnectorSession

RECORD = "connector.test.record"


def _without_producers(records, method_name, *args):
    """Call ``method_name`` on ``records`` skipping the producers' override
    (the same operation as in a database without connector)."""
    return getattr(super(ProducerBase, records), method_name)(*args)


class TestProducers(TransactionCase):
    """create, write and unlink of every model fire the connector events."""

    def setUp(self):
        super().setUp()
        self.calls = []
        self.Record = self.env[RECORD]

    def _listen(self, event, consumer=None, model_names=RECORD):
        """Subscribe ``consumer`` (default: one recording its calls) for the
        test only."""
        if consumer is None:

            def consumer(env, model_name, record_id, vals=None):
                self.calls.append((env, model_name, record_id, vals))

        event.subscribe(consumer, model_names=model_names)
        self.addCleanup(event.unsubscribe, consumer, model_names=model_names)
        return consumer

    def test_create_fires_for_each_record_with_its_values(self):
        self._listen(on_record_create)
        records = self.Record.create([{"name": "first"}, {"name": "second"}])
        self.assertEqual(
            [(model, record_id, vals) for __, model, record_id, vals in self.calls],
            [
                (RECORD, records[0].id, {"name": "first"}),
                (RECORD, records[1].id, {"name": "second"}),
            ],
        )
        self.assertIs(self.calls[0][0], records.env)

    def test_create_of_a_single_dict(self):
        self._listen(on_record_create)
        record = self.Record.create({"name": "single"})
        self.assertEqual(self.calls[0][2:], (record.id, {"name": "single"}))

    def test_write_fires_once_per_record_with_the_values(self):
        records = self.Record.create([{"name": "a"}, {"name": "b"}, {"name": "c"}])
        self._listen(on_record_write)
        records.write({"name": "renamed"})
        self.assertEqual(
            sorted(record_id for __, __, record_id, __ in self.calls), records.ids
        )
        for __, model_name, __, vals in self.calls:
            self.assertEqual(model_name, RECORD)
            self.assertEqual(vals, {"name": "renamed"})

    def test_write_on_no_record_fires_nothing(self):
        self._listen(on_record_write)
        self.Record.browse().write({"name": "nothing"})
        self.assertEqual(self.calls, [])

    def test_unlink_fires_before_the_deletion(self):
        """The consumer can still read the record being deleted."""
        records = self.Record.create([{"name": "doomed 1"}, {"name": "doomed 2"}])
        names = []

        def read_name(env, model_name, record_id):
            names.append(env[model_name].browse(record_id).name)

        self._listen(on_record_unlink, read_name)
        ids = records.ids
        records.unlink()
        self.assertEqual(sorted(names), ["doomed 1", "doomed 2"])
        self.assertFalse(self.Record.browse(ids).exists())

    def test_consumers_of_other_models_are_not_called(self):
        self._listen(on_record_create, model_names="res.partner")
        self._listen(on_record_write, model_names="res.partner")
        self._listen(on_record_unlink, model_names="res.partner")
        record = self.Record.create({"name": "quiet"})
        record.write({"name": "still quiet"})
        record.unlink()
        self.assertEqual(self.calls, [])

    def test_inherits_create_fires_for_both_models(self):
        self._listen(on_record_create, model_names=[RECORD, "connector.test.binding"])
        backend = self.env["test.backend"].create({"name": "b", "version": "1"})
        binding = self.env["connector.test.binding"].create(
            {"name": "bound", "backend_id": backend.id}
        )
        self.assertEqual(
            sorted((model, record_id) for __, model, record_id, __ in self.calls),
            sorted([(RECORD, binding.odoo_id.id), (binding._name, binding.id)]),
        )

    def test_legacy_consumer_receives_a_session(self):
        received = []

        def legacy_consumer(session, model_name, record_id, vals):
            received.append(session)

        self._listen(on_record_create, legacy_consumer)
        self.Record.create({"name": "9.0"})
        self.assertIsInstance(received[0], ConnectorSession)
        self.assertEqual(received[0].uid, self.env.uid)

    def test_events_carry_the_user_and_context_of_the_change(self):
        user = new_test_user(self.env, login="producer_plain_user")
        self._listen(on_record_write)
        record = self.Record.create({"name": "shared"})
        record.with_user(user).with_context(marker="x").write({"name": "by user"})
        env = self.calls[0][0]
        self.assertEqual(env.uid, user.id)
        self.assertEqual(env.context.get("marker"), "x")

    def test_consumer_of_uninstalled_addon_is_not_called(self):
        def consumer(env, model_name, record_id, vals):
            self.calls.append(record_id)

        consumer.__module__ = "odoo.addons.some_uninstalled_addon.events"
        self._listen(on_record_create, consumer)
        self.Record.create({"name": "ignored"})
        self.assertEqual(self.calls, [])

    def test_export_consumer_skips_the_writes_of_the_binder(self):
        """``bind`` writes with ``connector_no_export``: a consumer decorated
        with ``skip_if_no_connector_export`` ignores it."""
        exported = []

        @skip_if_no_connector_export
        def delay_export(env, model_name, record_id, vals):
            exported.append((record_id, dict(vals)))

        binding_model = "connector.test.binding"
        self._listen(on_record_write, delay_export, model_names=binding_model)
        backend = self.env["test.backend"].create({"name": "b", "version": "1"})
        binding = self.env[binding_model].create(
            {"name": "bound", "backend_id": backend.id}
        )
        binder = ConnectorEnvironment(backend, binding_model).get_connector_unit(Binder)
        binder.bind("EXT-1", binding)
        self.assertEqual(binding.external_id, "EXT-1")
        self.assertEqual(exported, [], "the binding's own write is not exported")
        binding.write({"external_id": "EXT-2"})
        self.assertEqual([record_id for record_id, __ in exported], [binding.id])


class TestProducersCost(TransactionCase):
    """Without consumers, the producers cost no query."""

    def setUp(self):
        super().setUp()
        self.Record = self.env["connector.test.record"]
        for event in (on_record_create, on_record_write, on_record_unlink):
            self.assertFalse(
                event.has_consumer_for(self.env, self.Record._name),
                "a consumer of another test was left subscribed",
            )
        # warm the caches up (metadata, prefetching, ormcaches)
        warm = self.Record.create([{"name": "warm"}])
        _without_producers(warm, "write", {"name": "warm 2"})
        warm.write({"name": "warm 3"})
        warm.unlink()
        self.env.flush_all()

    def _flush(self):
        self.env.flush_all()
        self.env.cr.flush()

    def _count(self, operation):
        """The number of queries of ``operation()``, flushed."""
        self.env.invalidate_all()
        self._flush()
        before = self.cr.sql_log_count
        operation()
        self._flush()
        return self.cr.sql_log_count - before

    def _check_same_count(self, with_connector, without_connector):
        """``with_connector()`` runs as many queries as the same operation
        made by ``without_connector()``, which skips the producers."""
        expected = self._count(without_connector)
        self.assertGreater(expected, 0)
        with self.assertQueryCount(expected):
            actual = self._count(with_connector)
        self.assertEqual(actual, expected)

    def test_create_costs_no_query(self):
        records = self.Record
        self._check_same_count(
            lambda: records.create([{"name": "c"}, {"name": "d"}]),
            lambda: _without_producers(
                records, "create", [{"name": "a"}, {"name": "b"}]
            ),
        )

    def test_write_costs_no_query(self):
        records = self.Record.create([{"name": f"r{index}"} for index in range(6)])
        self.env.flush_all()
        first, second = records[:3], records[3:]
        self._check_same_count(
            lambda: second.write({"name": "written"}),
            lambda: _without_producers(first, "write", {"name": "written"}),
        )
        self.assertEqual(set(records.mapped("name")), {"written"})

    def test_unlink_costs_no_query(self):
        records = self.Record.create([{"name": f"r{index}"} for index in range(6)])
        self.env.flush_all()
        first, second, third = records[:2], records[2:4], records[4:]
        self._check_same_count(
            second.unlink, lambda: _without_producers(first, "unlink")
        )
        self.assertTrue(third.exists())
