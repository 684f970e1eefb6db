from . import connector_migrate
