from . import backend_adapter
