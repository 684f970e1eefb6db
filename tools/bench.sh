#!/usr/bin/env bash
# `make bench`: tools/bench.py on a fresh database (dropped afterwards).
#   BENCH_SIZES   record counts (default 500,2000,8000)
#   BENCH_ROUNDS  rounds per scenario (default 5)
source "$(dirname "$0")/common.sh"
resolve_odoo_src
ensure_pg
DB="$(fresh_db_name connector_bench)"
cleanup() {
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    stop_private_pg
}
trap cleanup EXIT
mkdir -p "$ROOT/bench-results"
LOG="$CACHE/logs/bench-$DB.log"
info "installing the benchmark addon in $DB (log: $LOG)"
run_odoo -d "$DB" -i test_connector_bench --without-demo=all --stop-after-init --no-http \
    --logfile="$LOG" || die "installing test_connector_bench failed, see $LOG"
export CONNECTOR_ADDONS_PATH
CONNECTOR_ADDONS_PATH="$(addons_path)"
OUT="$ROOT/bench-results/bench-$(date +%Y%m%d-%H%M%S).json"
info "measuring (sizes ${BENCH_SIZES:-500,2000,8000}, ${BENCH_ROUNDS:-5} rounds)"
"$PY" "$ROOT/tools/bench.py" --db "$DB" --sizes "${BENCH_SIZES:-500,2000,8000}" \
    --rounds "${BENCH_ROUNDS:-5}" --out "$OUT" 2>>"$LOG"
info "results written to $OUT"
