from . import test_mapper
from . import test_backend_adapter
from . import test_synchronizer
from . import test_import
from . import test_export
from . import test_jobs
from . import test_job_runner
from . import test_testing_kit
