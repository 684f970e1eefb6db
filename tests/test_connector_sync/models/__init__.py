from . import connector_sync_backend
from . import connector_sync_category
from . import connector_sync_category_binding
from . import connector_sync_partner
from . import connector_sync_partner_line
from . import connector_sync_partner_binding
from . import connector_sync_website_binding
from . import connector_sync_store_binding
