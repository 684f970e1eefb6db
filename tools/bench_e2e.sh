#!/usr/bin/env bash
# `make bench-e2e`: tools/bench_e2e.py, the example connector end to end
# (remote Odoo, queue_job's runner and 2 workers), bulk jobs against
# per-record jobs. Its databases are dropped afterwards.
#   BENCH_E2E_SIZES  remote partner counts (default 2000,20000)
source "$(dirname "$0")/common.sh"
resolve_odoo_src
ensure_pg
trap stop_private_pg EXIT
mkdir -p "$ROOT/bench-results"
export CONNECTOR_ADDONS_PATH
CONNECTOR_ADDONS_PATH="$(addons_path)"
OUT="$ROOT/bench-results/bench-e2e-$(date +%Y%m%d-%H%M%S).json"
info "measuring the example end to end (sizes ${BENCH_E2E_SIZES:-2000,20000}; logs in $CACHE/logs)"
"$PY" "$ROOT/tools/bench_e2e.py" --sizes "${BENCH_E2E_SIZES:-2000,20000}" \
    --log-dir "$CACHE/logs" --out "$OUT"
info "results written to $OUT"
