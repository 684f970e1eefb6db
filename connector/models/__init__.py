from . import base
from . import connector_backend
from . import external_binding
from . import connector_checkpoint
from . import queue_job
from . import connector_function_job
from . import queue_job_function
