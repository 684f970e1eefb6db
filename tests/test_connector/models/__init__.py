from . import test_backend
from . import connector_test_record
from . import connector_test_binding
from . import connector_test_legacy_binding
from . import no_inherits_binding
from . import connector_test_job_method
