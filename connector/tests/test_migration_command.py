# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The migration command on addon folders: its result, its report, the bad
input it refuses without writing anything, its command line."""

import contextlib
import io
import json
import pathlib
import tempfile

from odoo.cli.command import commands
from odoo.tests.common import TransactionCase

from odoo.addons.connector.migration import MigrationError, main, migrate

MODELS_90 = """\
# -*- coding: utf-8 -*-
from openerp import api, fields, models
from openerp.addons.connector.queue.job import job


class Thing(models.Model):
    _name = 'legacy.thing'

    name = fields.Char(select=True)

    @api.multi
    def go(self):
        print self.name
        self.env.cr.commit()
        return self.pool.get('res.partner')


@job
def do_it(session, model_name, thing_id):
    return session.env[model_name].browse(thing_id).go()
"""
VIEW_90 = """<?xml version="1.0"?>
<openerp><data>
    <record id="act" model="ir.actions.act_window">
        <field name="view_mode">tree,form</field>
    </record>
</data></openerp>
"""


class TestMigrationCommand(TransactionCase):
    def setUp(self):
        super().setUp()
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.root = pathlib.Path(folder.name)
        self.out = self.root / "out"
        self.out.mkdir()

    def addon(
        self,
        name="legacy_thing",
        version="9.0.1.2.0",
        manifest="__openerp__.py",
        files=None,
    ):
        folder = self.root / name
        folder.mkdir()
        (folder / manifest).write_text(
            f"# -*- coding: utf-8 -*-\n# Copyright 2016 Someone\n"
            f"{{'name': 'Thing', 'version': {version!r}, 'depends': ['connector'],"
            f" 'data': ['views/thing.xml'], 'license': 'AGPL-3'}}\n"
        )
        files = files or {
            "__init__.py": "import models\n",
            "models.py": MODELS_90,
            "views/thing.xml": VIEW_90,
        }
        for path, text in files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text)
        return folder

    def assertNothingWritten(self, destination=None):
        leftovers = [p.name for p in self.out.iterdir()]
        self.assertEqual(leftovers, [], "the command left files behind")
        if destination is not None:
            self.assertFalse(destination.exists())

    def test_migrates_into_a_new_folder(self):
        source = self.addon()
        report = migrate(source, self.out / "legacy_thing")
        result = self.out / "legacy_thing"
        self.assertEqual(sorted(p.name for p in self.out.iterdir()), ["legacy_thing"])
        self.assertFalse((result / "__openerp__.py").exists())
        manifest = (result / "__manifest__.py").read_text()
        self.assertTrue(manifest.startswith("# Copyright 2016 Someone\n{\n"))
        self.assertIn("'version': '18.0.1.2.0',", manifest)
        self.assertEqual((result / "__init__.py").read_text(), "from . import models\n")
        models = (result / "models.py").read_text()
        self.assertIn("from odoo.addons.connector.queue.job import job", models)
        self.assertIn("print(self.name)", models)
        self.assertNotIn("api.multi", models)
        self.assertIn("<odoo>", (result / "views/thing.xml").read_text())
        # the source is untouched
        self.assertIn("print self.name", (source / "models.py").read_text())
        self.assertEqual(report.from_version, "9.0")
        self.assertEqual(
            [(e.path, e.line, e.rule) for e in report.todos],
            [("models.py", 13, "old-api")],
        )

    def test_report_names_files_and_lines(self):
        report = migrate(self.addon(), self.out / "legacy_thing")
        text = report.render()
        self.assertIn("legacy_thing: migrated from Odoo 9.0 to Odoo 18.0", text)
        self.assertIn(
            "  __manifest__.py [manifest] renamed from __openerp__.py\n", text
        )
        self.assertIn("  models.py:13 [py2to3] print statement -> print()\n", text)
        self.assertIn("  views/thing.xml:4 [views] view_mode tree -> list\n", text)
        self.assertIn("left to do by hand (1):\n  models.py:13 [old-api]", text)
        data = json.loads(report.as_json())
        self.assertEqual(data["todos"][0]["line"], 13)

    def test_10_addon(self):
        source = self.addon(
            version="10.0.1.0.0",
            manifest="__manifest__.py",
            files={
                "__init__.py": "from . import models\n",
                "models.py": "from odoo.addons.queue_job.job import job\n",
            },
        )
        report = migrate(source, self.out / "legacy_thing")
        self.assertEqual(report.from_version, "10.0")
        self.assertEqual(
            (self.out / "legacy_thing/models.py").read_text(),
            "from odoo.addons.connector.queue.job import job\n",
        )

    def test_yaml_files_odoo_never_loaded_are_left_alone(self):
        # recorded HTTP exchanges of the tests (vcrpy cassettes): no Odoo data
        cassette = "interactions:\n- request: {method: GET}\n"
        source = self.addon(
            files={
                "__init__.py": "",
                "views/thing.xml": VIEW_90,
                "tests/fixtures/cassettes/test_import.yaml": cassette,
            }
        )
        report = migrate(source, self.out / "legacy_thing")
        copied = self.out / "legacy_thing/tests/fixtures/cassettes/test_import.yaml"
        self.assertEqual(copied.read_text(), cassette)
        self.assertFalse([e for e in report.entries if "yaml" in e.path])

    def test_version_without_series_needs_from(self):
        source = self.addon(version="1.0")
        with self.assertRaisesRegex(
            MigrationError, r"'1.0'.*--from 9.0 or --from 10.0"
        ):
            migrate(source, self.out / "legacy_thing")
        self.assertNothingWritten()
        migrate(source, self.out / "legacy_thing", from_version="9.0")
        manifest = (self.out / "legacy_thing/__manifest__.py").read_text()
        self.assertIn("'version': '18.0.1.0.0'", manifest)

    def test_refuses_addons_of_other_versions(self):
        cases = {
            ("a8", "8.0.1.0.0", "__openerp__.py"): "Odoo 8.0 addon",
            ("a11", "11.0.1.0.0", "__manifest__.py"): "Odoo 11.0 addon",
            ("a16", "16.0.2.0.0", "__manifest__.py"): "Odoo 16.0 addon",
            ("a18", "18.0.1.0.0", "__manifest__.py"): "already an Odoo 18.0 addon",
            ("a6", "1.0", "__terp__.py"): "Odoo 6.0 or older",
            ("bad10", "10.0.1.0.0", "__openerp__.py"): "__openerp__.py",
        }
        for (name, version, manifest), message in cases.items():
            source = self.addon(name, version, manifest)
            with self.assertRaises(MigrationError) as caught:
                migrate(source, self.out / name)
            self.assertIn(message, str(caught.exception))
            self.assertIn(str(source / manifest), str(caught.exception))
            self.assertNothingWritten(self.out / name)

    def test_refuses_a_folder_that_is_no_addon(self):
        folder = self.root / "not_an_addon"
        folder.mkdir()
        with self.assertRaisesRegex(
            MigrationError, "not_an_addon is not an Odoo addon"
        ):
            migrate(folder, self.out / "x")
        with self.assertRaisesRegex(MigrationError, "missing is not a folder"):
            migrate(self.root / "missing", self.out / "x")
        (folder / "__openerp__.py").write_text("{'name': 'x', 'version': ")
        with self.assertRaisesRegex(MigrationError, "__openerp__.py:1: the manifest"):
            migrate(folder, self.out / "x")
        self.assertNothingWritten()

    def test_refuses_bad_destinations(self):
        source = self.addon()
        existing = self.out / "legacy_thing"
        existing.mkdir()
        (existing / "keep.txt").write_text("mine")
        with self.assertRaisesRegex(MigrationError, "already exists"):
            migrate(source, existing)
        self.assertEqual([p.name for p in existing.iterdir()], ["keep.txt"])
        existing.joinpath("keep.txt").unlink()
        existing.rmdir()
        with self.assertRaisesRegex(MigrationError, "is not a folder"):
            migrate(source, self.out / "missing" / "legacy_thing")
        with self.assertRaisesRegex(MigrationError, "inside the addon"):
            migrate(source, source / "copy")
        with self.assertRaisesRegex(MigrationError, "cannot write in /proc"):
            migrate(source, "/proc/legacy_thing")
        with self.assertRaisesRegex(MigrationError, "no DEST given"):
            migrate(source)
        self.assertNothingWritten()

    def test_a_file_that_cannot_be_migrated_writes_nothing(self):
        source = self.addon(files={"__init__.py": "", "broken.py": "def f(:\n"})
        with self.assertRaisesRegex(MigrationError, "broken.py:1: cannot parse"):
            migrate(source, self.out / "legacy_thing")
        self.assertNothingWritten(self.out / "legacy_thing")
        source = self.addon(
            "xml_bad", files={"views/thing.xml": "<odoo><record></odoo>"}
        )
        with self.assertRaisesRegex(
            MigrationError, "views/thing.xml:1: not well-formed"
        ):
            migrate(source, self.out / "xml_bad")
        self.assertNothingWritten(self.out / "xml_bad")

    def test_in_place_is_all_or_nothing(self):
        source = self.addon(files={"__init__.py": "", "broken.py": "def f(:\n"})
        before = sorted(p.name for p in source.iterdir())
        with self.assertRaises(MigrationError):
            migrate(source, in_place=True)
        self.assertEqual(sorted(p.name for p in source.iterdir()), before)
        self.assertEqual(
            [p.name for p in self.root.iterdir() if p.name.startswith(".")], []
        )
        good = self.addon("good_thing")
        migrate(good, in_place=True)
        self.assertTrue((good / "__manifest__.py").exists())
        self.assertFalse((good / "__openerp__.py").exists())
        with self.assertRaisesRegex(MigrationError, "already an Odoo 18.0 addon"):
            migrate(good, in_place=True)

    def test_migrated_addon_is_refused_a_second_time(self):
        migrate(self.addon(), self.out / "legacy_thing")
        with self.assertRaisesRegex(MigrationError, "already an Odoo 18.0 addon"):
            migrate(self.out / "legacy_thing", self.out / "again")

    def test_command_line(self):
        source = self.addon()
        stdout, stderr = io.StringIO(), io.StringIO()
        report_file = self.root / "report.txt"
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            status = main(
                [
                    str(source),
                    str(self.out / "legacy_thing"),
                    "--report",
                    str(report_file),
                ]
            )
        self.assertEqual(status, 0)
        self.assertIn("models.py:13 [old-api]", stdout.getvalue())
        self.assertEqual(report_file.read_text(), stdout.getvalue())
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            status = main([str(source), str(self.out / "legacy_thing")])
        self.assertEqual(status, 2)
        self.assertIn("error: ", stderr.getvalue())
        self.assertIn("already exists", stderr.getvalue())

    def test_odoo_command_is_registered(self):
        self.assertEqual(commands["connector_migrate"].name, "connector_migrate")
