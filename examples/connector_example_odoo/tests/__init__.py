from . import test_backend
from . import test_client
from . import test_concurrency
from . import test_deletion
from . import test_export
from . import test_fuzz_import
from . import test_import
from . import test_mapper
