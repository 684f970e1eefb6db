from . import test_query_counts
