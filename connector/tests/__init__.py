from . import test_connector_unit
from . import test_advisory_lock
from . import test_backend
from . import test_session
from . import test_exception
from . import test_event
from . import test_mapper
from . import test_layers
