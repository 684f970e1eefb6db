# -*- coding: utf-8 -*-
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
{
    'name': 'Connector Legacy 10.0 (test)',
    'summary': 'A connector written as for Odoo 10.0, for the migration command',
    'version': '10.0.2.0.1',
    'author': 'Connector for Odoo 18 contributors',
    'license': 'LGPL-3',
    'category': 'Hidden',
    'depends': ['connector'],
    'data': [
        'security/ir.model.access.csv',
        'views/legacy100_views.xml',
    ],
    'installable': True,
}
