# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The rewrite rules of the migration command, one behaviour per test."""

import pathlib
import tempfile
import textwrap

from odoo import api
from odoo.tests.common import TransactionCase

from odoo.addons.connector.migration import Report, migrate_python
from odoo.addons.connector.migration.modifiers import (
    UnconvertibleModifier,
    attrs_to_expressions,
    domain_to_expression,
    states_to_expression,
)
from odoo.addons.connector.migration.xml_views import migrate_xml


class MigrationCase(TransactionCase):
    """Helpers: run the Python or XML rules on a snippet."""

    def setUp(self):
        super().setUp()
        self.report = Report("legacy_addon", "9.0")
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = pathlib.Path(folder.name)

    def python(self, source, name="models.py"):
        path = self.folder / name
        source = textwrap.dedent(source).lstrip("\n")
        path.write_text(source)
        return migrate_python(source, path, name, self.report)

    def xml(self, source):
        content = textwrap.dedent(source).strip().encode()
        result = migrate_xml(content, "views/view.xml", self.report)
        return result.decode() if result is not None else None

    def rules(self, kind):
        return [(e.line, e.rule) for e in self.report.entries if e.kind == kind]

    def messages(self, kind):
        return " | ".join(e.message for e in self.report.entries if e.kind == kind)


class TestPythonRules(MigrationCase):
    def test_python2_becomes_python3(self):
        result = self.python(
            """
            # -*- coding: utf-8 -*-
            import urllib2
            def f(d, s):
                for k, v in d.iteritems():
                    print k, v
                try:
                    urllib2.urlopen(s)
                except urllib2.URLError, err:
                    raise ValueError, "bad"
                return isinstance(s, basestring), unicode(s), d.has_key(s), xrange(2)
            """
        )
        self.assertNotIn("coding", result)
        self.assertIn("import urllib.request, urllib.error, urllib.parse", result)
        self.assertIn("for k, v in d.items():", result)
        self.assertIn("print(k, v)", result)
        self.assertIn("except urllib.error.URLError as err:", result)
        self.assertIn('raise ValueError("bad")', result)
        self.assertIn("isinstance(s, str), str(s), s in d, range(2)", result)
        self.assertIn((5, "py2to3"), self.rules("change"))

    def test_python3_code_is_parsed_too(self):
        result = self.python("print('a', end='')\n")
        self.assertEqual(result, "print('a', end='')\n")

    def test_implicit_relative_import(self):
        (self.folder / "models.py").write_text("")
        result = self.python("import models\n", name="__init__.py")
        self.assertEqual(result, "from . import models\n")

    def test_openerp_becomes_odoo(self):
        result = self.python(
            """
            import openerp
            from openerp import api, models
            from openerp.addons.connector.session import ConnectorSession
            PATCHED = 'openerp.addons.sale.models.x'
            openerp_id = openerp.tools.float_round
            """
        )
        self.assertIn("import odoo\n", result)
        self.assertIn("from odoo import api, models", result)
        self.assertIn("from odoo.addons.connector.session import", result)
        self.assertIn("PATCHED = 'odoo.addons.sale.models.x'", result)
        self.assertIn("openerp_id = odoo.tools.float_round", result)

    def test_api_multi_removed_api_returns_kept(self):
        result = self.python(
            """
            from odoo import api, models
            class A(models.Model):
                _inherit = 'res.partner'
                @api.multi
                @api.returns('self', lambda value: value.id)
                def copy(self, default=None):
                    return super(A, self).copy(default)
            """
        )
        self.assertNotIn("api.multi", result)
        self.assertIn("@api.returns('self', lambda value: value.id)", result)
        self.assertIn((4, "api"), self.rules("change"))

    def test_api_one_becomes_a_loop(self):
        result = self.python(
            """
            from odoo import api, models
            class A(models.Model):
                _inherit = 'res.partner'
                @api.one
                @api.depends('name')
                def _compute_x(self):
                    '''Doc.'''
                    if self.name:
                        self.x = len(self.name)
            """
        )
        self.assertIn(
            "    @api.depends('name')\n"
            "    def _compute_x(self):\n"
            "        '''Doc.'''\n"
            "        for record in self:\n"
            "            if record.name:\n"
            "                record.x = len(record.name)\n",
            result,
        )

    def test_api_one_returning_a_value_becomes_a_nested_function(self):
        result = self.python(
            """
            from odoo import api, models
            class A(models.Model):
                _inherit = 'res.partner'
                @api.one
                def total(self, factor, *more, rounding=2, **options):
                    'Doc.'
                    if not factor:
                        return 0
                    factor = factor * 2
                    return super(A, self).total(factor) + self.one_more
            """
        )
        self.assertIn(
            "    def total(self, factor, *more, rounding=2, **options):\n"
            "        'Doc.'\n"
            "        def one(self, factor, *more, rounding, **options):\n"
            "            if not factor:\n"
            "                return 0\n"
            "            factor = factor * 2\n"
            "            return super(A, self).total(factor) + self.one_more\n"
            "        return [one(record, factor, *more, rounding=rounding, **options)"
            " for record in self]\n",
            result,
        )
        self.assertNotIn("api.one", result)
        self.assertEqual(self.rules("todo"), [])
        self.assertIn("nested function one()", self.messages("change"))

    def test_api_one_nested_function_runs_as_api_one_did(self):
        result = self.python(
            """
            class Base(object):
                def total(self):
                    return 10
            class A(Base):
                def __init__(self, ids):
                    self.ids = ids
                def __iter__(self):
                    return iter([A([i]) for i in self.ids])
                @api.one
                def total(self):
                    if self.ids == [2]:
                        return -1
                    return super(A, self).total() + self.ids[0]
            """
        )
        namespace = {}
        exec(compile(result, "models.py", "exec"), namespace)  # noqa: S102
        self.assertEqual(namespace["A"]([1, 2, 3]).total(), [11, -1, 13])

    def test_api_one_with_a_multi_line_string_is_reported(self):
        result = self.python(
            """
            from odoo import api, models
            class A(models.Model):
                _inherit = 'res.partner'
                @api.one
                def note(self):
                    return '''two
            lines'''
            """
        )
        self.assertIn("@api.one", result)
        self.assertEqual(self.rules("todo"), [(4, "api-one")])
        self.assertIn("returns a value", self.messages("todo"))

    def test_create_becomes_create_multi(self):
        result = self.python(
            """
            from odoo import api, models
            class A(models.Model):
                _inherit = 'res.partner'
                @api.model
                def create(self, vals):
                    vals['ref'] = vals.get('ref') or 'X'
                    return super(A, self).create(vals)
            """
        )
        self.assertIn(
            "    @api.model_create_multi\n"
            "    def create(self, vals_list):\n"
            "        for vals in vals_list:\n"
            "            vals['ref'] = vals.get('ref') or 'X'\n"
            "        return super(A, self).create(vals_list)\n",
            result,
        )

    def test_create_using_its_record_becomes_a_nested_function(self):
        result = self.python(
            """
            from odoo import api, models
            class A(models.Model):
                _inherit = 'res.partner'
                @api.model
                def create(self, vals):
                    record = super(A, self).create(vals)
                    record.ref = 'X'
                    return record
            """
        )
        self.assertIn(
            "    @api.model_create_multi\n"
            "    def create(self, vals_list):\n"
            "        def one(self, vals):\n"
            "            record = super(A, self).create(vals)\n"
            "            record.ref = 'X'\n"
            "            return record\n"
            "        return self.browse().concat(\n"
            "            *[one(self, vals) for vals in vals_list]\n"
            "        )\n",
            result,
        )
        self.assertEqual(self.rules("todo"), [])

    def test_nested_create_runs_as_odoo_runs_a_single_create(self):
        result = self.python(
            """
            class Partners(object):
                def __init__(self, env):
                    self.env = env
                def browse(self):
                    return self.env['res.partner'].browse()
                def create(self, vals):
                    return self.env['res.partner'].create(vals)
            class A(Partners):
                @api.model
                def create(self, vals):
                    record = super(A, self).create(vals)
                    record.ref = 'X-%s' % record.name
                    return record
            """
        )
        namespace = {"api": api}
        exec(compile(result, "models.py", "exec"), namespace)  # noqa: S102
        partners = namespace["A"](self.env).create([{"name": "P1"}, {"name": "P2"}])
        self.assertEqual(partners._name, "res.partner")
        self.assertEqual(partners.mapped("ref"), ["X-P1", "X-P2"])

    def test_fields_and_calls(self):
        result = self.python(
            """
            from odoo import fields, models
            from odoo.exceptions import Warning, UserError
            class A(models.Model):
                _name = 'a.a'
                code = fields.Char(select=True, track_visibility='onchange')
                def act(self, user):
                    self.sudo(user).write({})
                    self.sudo().write({})
                    return {'view_mode': 'tree,form', 'res_model': 'a.a'}
            """
        )
        self.assertIn("fields.Char(index=True, tracking=True)", result)
        self.assertIn(
            "from odoo.exceptions import UserError as Warning, UserError", result
        )
        self.assertIn("self.with_user(user).write({})", result)
        self.assertIn("self.sudo().write({})", result)
        self.assertIn("'view_mode': 'list,form'", result)

    def test_queue_job_imports_move_to_the_connector(self):
        result = self.python(
            """
            from odoo.addons.queue_job.job import job, related_action, Job
            from odoo.addons.queue_job.exception import (
                NothingToDoJob,
                NotReadableJobError,
                RetryableJobError,
            )
            """
        )
        self.assertEqual(
            result,
            "from odoo.addons.connector.queue.job import job, related_action\n"
            "from odoo.addons.queue_job.job import Job\n"
            "from odoo.addons.connector.exception import NothingToDoJob, "
            "NotReadableJobError\n"
            "from odoo.addons.queue_job.exception import RetryableJobError\n",
        )

    def test_connector_90_imports_keep_their_paths(self):
        source = (
            "from odoo.addons.connector.queue.job import job\n"
            "from odoo.addons.connector.related_action import unwrap_binding\n"
            "from odoo.addons.connector.checkpoint import checkpoint\n"
        )
        self.assertEqual(self.python(source), source)
        self.assertFalse(self.report.entries)

    def test_test_phases_become_tags(self):
        result = self.python(
            """
            from odoo.tests import common
            from odoo.tests.common import at_install, post_install
            @common.at_install(False)
            @common.post_install(True)
            class TestA(common.TransactionCase):
                pass
            """
        )
        self.assertIn("from odoo.tests.common import tagged\n", result)
        self.assertIn(
            "@common.tagged('-at_install', 'post_install')\nclass TestA", result
        )

    def test_environment_manage_and_registry_manager(self):
        result = self.python(
            """
            '''Doc.'''
            from contextlib import closing
            import openerp
            from openerp.modules.registry import RegistryManager
            def work(dbname, uid):
                with openerp.api.Environment.manage():
                    registry = RegistryManager.get(dbname)
                    other = openerp.modules.registry.RegistryManager.get(dbname)
                    with closing(registry.cursor()) as cr:
                        return cr, other
            """
        )
        self.assertEqual(
            result,
            "'''Doc.'''\n"
            "import contextlib\n"
            "from contextlib import closing\n"
            "import odoo\n"
            "from odoo.modules.registry import Registry\n"
            "def work(dbname, uid):\n"
            "    with contextlib.nullcontext():\n"
            "        registry = Registry(dbname)\n"
            "        other = odoo.modules.registry.Registry(dbname)\n"
            "        with closing(registry.cursor()) as cr:\n"
            "            return cr, other\n",
        )
        self.assertEqual(self.rules("todo"), [])
        self.assertIn(
            "Environment.manage() -> contextlib.nullcontext()", self.messages("change")
        )

    def test_removed_odoo_apis_are_reported(self):
        result = self.python(
            """
            from openerp.modules.registry import RegistryManager
            def f(self, order):
                order.signal_workflow('order_confirm')
                column = self._all_columns['name'].column
                company = self.env['res.company']._company_default_get('sale.order')
                ref = self.env['ir.model.data'].get_object_reference('base', 'main')
                RegistryManager.signal_changes(self.env.cr.dbname)
                other = companies._company_default_get('sale.order')
            """
        )
        self.assertIn("RegistryManager", result)
        # the default company of the 9.0 API is the user's current one
        self.assertIn("    company = self.env.company\n", result)
        self.assertEqual(
            sorted(self.rules("todo")),
            [(3, "api"), (4, "api"), (6, "api"), (7, "api"), (8, "api")],
        )
        messages = self.messages("todo")
        self.assertIn("workflows are gone", messages)
        self.assertIn("read the fields in _fields", messages)
        self.assertIn("self.env.ref(xmlid)", messages)
        self.assertIn("RegistryManager is gone", messages)
        self.assertIn(
            "_company_default_get is gone (Odoo 13): use self.env.company", messages
        )

    def test_decimal_precision_becomes_a_digits_name(self):
        result = self.python(
            """
            from openerp import fields, models
            import openerp.addons.decimal_precision as dp
            from openerp.addons.decimal_precision import decimal_precision
            class A(models.Model):
                _name = 'a.a'
                price = fields.Float(digits_compute=dp.get_precision('Product Price'))
                cost = fields.Float(
                    'Cost',
                    digits=decimal_precision.get_precision("Account"),
                )
            """
        )
        self.assertNotIn("decimal_precision", result)
        self.assertIn("price = fields.Float(digits='Product Price')", result)
        self.assertIn("        'Cost',\n        digits='Account',\n    )", result)
        self.assertNotIn("fields", [rule for _line, rule in self.rules("todo")])
        self.assertIn(
            "digits_compute=dp.get_precision(...) -> digits='Product Price'",
            self.messages("change"),
        )

    def test_decimal_precision_used_otherwise_is_reported(self):
        result = self.python(
            """
            import openerp.addons.decimal_precision as dp
            def rounding(cr):
                return dp.get_precision('Account')(cr)
            price = fields.Float(digits_compute=dp.get_precision('Account'))
            """
        )
        self.assertIn("import odoo.addons.decimal_precision as dp", result)
        self.assertIn("digits_compute=dp.get_precision('Account')", result)
        self.assertEqual(sorted(self.rules("todo")), [(1, "fields"), (4, "fields")])

    def test_oldname_is_dropped(self):
        result = self.python(
            """
            from openerp import fields, models
            class A(models.Model):
                _inherit = 'a.a'
                odoo_id = fields.Many2one('res.partner', oldname='openerp_id')
                ref = fields.Char(oldname='code', string='Ref')
                name = fields.Char(
                    string='Name',
                    oldname='title',
                )
                only = fields.Char(oldname='x')
            """
        )
        self.assertIn("odoo_id = fields.Many2one('res.partner')\n", result)
        self.assertIn("ref = fields.Char(string='Ref')\n", result)
        self.assertIn("name = fields.Char(\n        string='Name',\n    )\n", result)
        self.assertIn("only = fields.Char()\n", result)
        self.assertNotIn("oldname", result)
        self.assertEqual(self.rules("todo"), [])
        self.assertIn(
            "oldname='openerp_id' dropped (gone in Odoo 12): a database upgraded "
            "from the old version renames the column in a migration script",
            self.messages("change"),
        )

    def test_what_is_left_to_a_human(self):
        result = self.python(
            """
            from odoo.osv import fields, osv
            from odoo.addons.connector.tests.common import mock_job_delay_to_direct
            from odoo.addons.connector.jobrunner.runner import ConnectorRunner
            class A(osv.osv):
                _columns = {'name': fields.char('Name')}
                def name_get(self):
                    return []
                def job(self, session):
                    session.commit()
                    self.env.cr.commit()
                    return self.pool.get('res.partner')
            """
        )
        # commits are kept as they are: legacy jobs may commit (their job
        # functions allow it), and nothing is left to do about them
        self.assertIn("session.commit()\n", result)
        self.assertIn("self.env.cr.commit()\n", result)
        self.assertEqual(
            sorted(self.rules("todo")),
            [
                (1, "old-api"),
                (3, "connector"),
                (4, "old-api"),
                (5, "old-api"),
                (6, "models"),
                (11, "old-api"),
            ],
        )

    def test_rules_are_idempotent(self):
        first = self.python(
            """
            # -*- coding: utf-8 -*-
            from openerp import api, fields, models
            from openerp.addons.queue_job.job import job
            class A(models.Model):
                _name = 'a.a'
                x = fields.Integer(select=True)
                @api.one
                def _compute(self):
                    self.x = 1
                @api.model
                def create(self, vals):
                    return super(A, self).create(vals)
            """
        )
        self.report = Report("legacy_addon", "9.0")
        second = migrate_python(first, self.folder / "models.py", "m.py", self.report)
        self.assertEqual(second, first)
        self.assertFalse(self.report.entries)


class TestXmlRules(MigrationCase):
    def test_openerp_data_becomes_odoo(self):
        result = self.xml(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <openerp>
                <data>
                    <record id="a" model="res.partner">
                        <field name="name">A</field>
                    </record>
                </data>
            </openerp>
            """
        )
        self.assertEqual(
            result,
            "<?xml version='1.0' encoding='utf-8'?>\n<odoo>\n"
            '    <record id="a" model="res.partner">\n'
            '        <field name="name">A</field>\n'
            "    </record>\n</odoo>\n",
        )

    def test_noupdate_data_is_kept(self):
        result = self.xml(
            """
            <openerp><data noupdate="1"><record id="a" model="res.partner"/></data>
            </openerp>
            """
        )
        self.assertIn('<odoo><data noupdate="1">', result)

    def test_tree_view_action_and_modifiers(self):
        result = self.xml(
            """
            <odoo>
                <record id="v" model="ir.ui.view">
                    <field name="arch" type="xml">
                        <tree colors="red:state=='x'">
                            <field name="a" attrs="{'invisible': [('b', '=', False)]}"/>
                            <button name="go" states="draft,open" invisible="1"/>
                        </tree>
                    </field>
                </record>
                <record id="x" model="ir.actions.act_window">
                    <field name="view_type">form</field>
                    <field name="view_mode">tree,form</field>
                </record>
            </odoo>
            """
        )
        self.assertIn("<list colors=\"red:state=='x'\">", result)
        self.assertIn('<field name="a" invisible="not b"/>', result)
        self.assertIn('<button name="go" invisible="1"/>', result)
        self.assertNotIn("view_type", result)
        self.assertIn('<field name="view_mode">list,form</field>', result)
        self.assertEqual(self.rules("todo"), [(4, "views")])

    def test_unconvertible_attrs_are_reported(self):
        result = self.xml(
            """
            <odoo><record id="v" model="ir.ui.view"><field name="arch" type="xml">
                <form><field name="a" attrs="{'invisible': [('b', 'ilike', 'x')]}"/>
                </form></field></record></odoo>
            """
        )
        self.assertIn("attrs=", result)
        self.assertIn("'ilike' is not convertible", self.messages("todo"))

    def test_act_window_and_ir_values(self):
        result = self.xml(
            """
            <odoo>
                <act_window id="act" name="Act" res_model="a.a"
                            src_model="res.partner" view_mode="tree,form"
                            context="{'a': 1}"/>
                <record id="val" model="ir.values"/>
            </odoo>
            """
        )
        self.assertIn('<record id="act" model="ir.actions.act_window">', result)
        self.assertIn('<field name="view_mode">list,form</field>', result)
        self.assertIn('<field name="context" eval="{\'a\': 1}"/>', result)
        self.assertIn("search=\"[('model', '=', 'res.partner')]\"", result)
        self.assertIn("ir.values record", self.messages("todo"))

    def test_other_xml_is_left_alone(self):
        self.assertIsNone(self.xml("<templates><t t-name='x'/></templates>"))
        self.assertIsNone(self.xml("<odoo><record id='a' model='res.partner'/></odoo>"))


class TestModifiers(TransactionCase):
    def test_domains(self):
        cases = {
            "[('a', '=', 'x')]": "a == 'x'",
            "[('a', '!=', False)]": "a",
            "[('a', 'in', ['x', 'y']), ('b', '>', 3)]": "a in ['x', 'y'] and b > 3",
            "['|', ('a', '=', 1), ('b', '=', 2)]": "a == 1 or b == 2",
            "['|', ('a', '=', 1), '&', ('b', '=', 2), ('c', '=', 3)]": (
                "a == 1 or (b == 2 and c == 3)"
            ),
            "['!', ('a', '=', 1)]": "not (a == 1)",
            "[('a', '=', parent_id)]": "a == parent_id",
            "True": "1",
            "[]": "1",
        }
        for domain, expression in cases.items():
            self.assertEqual(domain_to_expression(domain), expression, domain)

    def test_unconvertible_domains(self):
        for domain in (
            "[('a.b', '=', 1)]",
            "[('a', 'like', 'x')]",
            "['|', ('a', '=', 1)]",
            "[(",
        ):
            with self.assertRaises(UnconvertibleModifier, msg=domain):
                domain_to_expression(domain)

    def test_attrs_and_states(self):
        self.assertEqual(
            attrs_to_expressions("{'invisible': [('s', '=', 'a')], 'required': True}"),
            {"invisible": "s == 'a'", "required": "1"},
        )
        self.assertEqual(states_to_expression("draft"), "state != 'draft'")
        self.assertEqual(
            states_to_expression("draft, open"), "state not in ('draft', 'open')"
        )
