from . import backend_adapter
from . import mapper
from . import synchronizer
from . import _importing
from . import importer
from . import exporter
from . import deleter
from . import http_adapter
