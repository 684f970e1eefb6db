from . import bench_backend
from . import bench_res_partner
from . import bench_res_partner_industry
