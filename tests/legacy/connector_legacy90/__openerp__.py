# -*- coding: utf-8 -*-
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
{
    'name': 'Connector Legacy 9.0 (test)',
    'summary': 'A connector written as for Odoo 9.0, for the migration command',
    'version': '9.0.1.3.0',
    'author': 'Connector for Odoo 18 contributors',
    'license': 'LGPL-3',
    'category': 'Hidden',
    'depends': ['connector'],
    'data': [
        'security/ir.model.access.csv',
        'views/legacy90_views.xml',
    ],
    'installable': True,
}
