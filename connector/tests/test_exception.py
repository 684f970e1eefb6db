# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from odoo.tests import BaseCase

from odoo.addons.connector import exception
from odoo.addons.queue_job import exception as queue_job_exception


class TestExceptions(BaseCase):
    """The legacy hierarchy, on top of queue_job's job errors."""

    def test_job_errors_are_queue_job_classes(self):
        for name in (
            "RetryableJobError",
            "FailedJobError",
            "JobError",
            "NoSuchJobError",
        ):
            with self.subTest(name=name):
                self.assertIs(
                    getattr(exception, name), getattr(queue_job_exception, name)
                )

    def test_hierarchy(self):
        for cls, base in [
            (exception.NoConnectorUnitError, exception.ConnectorException),
            (exception.InvalidDataError, exception.ConnectorException),
            (exception.MappingError, exception.ConnectorException),
            (exception.SeveralConnectorUnitsError, AssertionError),
            (exception.BindingError, AssertionError),
            (exception.NoBackendError, ValueError),
            (exception.NetworkRetryableError, exception.RetryableJobError),
            (exception.NoExternalId, exception.RetryableJobError),
            (exception.IDMissingInBackend, exception.JobError),
            (exception.ManyIDSInBackend, exception.JobError),
            (exception.NothingToDoJob, exception.JobError),
        ]:
            with self.subTest(cls=cls.__name__):
                self.assertTrue(issubclass(cls, base))

    def test_retryable_errors_keep_their_options(self):
        err = exception.NetworkRetryableError(
            "host down", seconds=30, ignore_retry=True
        )
        self.assertEqual(err.seconds, 30)
        self.assertTrue(err.ignore_retry)
