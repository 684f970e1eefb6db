# -*- coding: utf-8 -*-
from odoo.addons.connector.backend import Backend

legacy100 = Backend('legacy100')
legacy100_v2 = Backend(parent=legacy100, version='2.0')
