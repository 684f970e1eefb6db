# -*- coding: utf-8 -*-
from openerp.addons.connector.backend import Backend

legacy90 = Backend('legacy90')
legacy90_v1 = Backend(parent=legacy90, version='1.0')
