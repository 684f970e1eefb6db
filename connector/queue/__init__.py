# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The legacy job API (``connector.queue.job``), on queue_job 18.0."""

from . import job
