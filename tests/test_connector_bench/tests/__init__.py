from . import test_query_counts
from . import test_concurrent_import
