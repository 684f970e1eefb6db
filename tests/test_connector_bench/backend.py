# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The backend of the benchmark connector."""

from odoo.addons.connector.backend import Backend

bench_backend = Backend("connector_bench")
