from . import test_backend_model
from . import test_connector_environment
from . import test_binder
from . import test_nothing_to_do_job
from . import test_producer
from . import test_checkpoint
from . import test_related_action
from . import test_ui
