from . import backend_adapter
from . import mapper
from . import synchronizer
from . import http_adapter
