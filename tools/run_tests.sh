#!/usr/bin/env bash
# `make test`: linters, then the Odoo tests of this project's addons on a fresh
# database (dropped afterwards). Fails on a linter finding, a failed or erroring
# test, an ERROR/CRITICAL log line, or when no test ran.
#
#   TEST_TAGS   Odoo --test-tags to run (default: every addon of the project)
#   SKIP_LINT=1 skip the linters (quicker iterations while developing)
source "$(dirname "$0")/common.sh"
resolve_odoo_src

# The addons this project ships: the framework, the test addons, the examples.
ADDONS="connector"
for manifest in "$ROOT"/tests/*/__manifest__.py "$ROOT"/examples/*/__manifest__.py; do
    [ -f "$manifest" ] && ADDONS="$ADDONS,$(basename "$(dirname "$manifest")")"
done
DEFAULT_TAGS="$(echo "$ADDONS" | sed -e 's#^#/#' -e 's#,#,/#g')"
TEST_TAGS="${TEST_TAGS:-$DEFAULT_TAGS}"

if [ "${SKIP_LINT:-0}" != 1 ]; then
    bash "$ROOT/tools/lint.sh"
    # the API reference is built from the docstrings: keep it building
    bash "$ROOT/tools/docs.sh"
fi

ensure_pg
trap stop_private_pg EXIT

DB="$(fresh_db_name connector_test)"
LOG="$CACHE/logs/test-$DB.log"
PORT="$(free_port)"
cleanup() {
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    stop_private_pg
}
trap cleanup EXIT

info "installing $ADDONS and running their tests on database $DB (log: $LOG)"
set +e
"$VENV/bin/odoo" \
    --addons-path="$(addons_path)" \
    --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" \
    -d "$DB" --db-filter="^$DB\$" \
    -i "$ADDONS" --without-demo=all \
    --test-enable --test-tags="$TEST_TAGS" \
    --http-interface=127.0.0.1 --http-port="$PORT" --gevent-port="$(free_port)" \
    --stop-after-init --log-level=info \
    --logfile="$LOG"
rc=$?
set -e

# Odoo's summary: "odoo.tests.result: 2 failed, 1 error(s) of 42 tests ..."
summary="$(grep -E 'odoo\.tests\.result: .* tests' "$LOG" | tail -1 || true)"
errors="$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$LOG" || true)"
failed=0
total=0
if [[ "$summary" =~ ([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]]; then
    failed=$((BASH_REMATCH[1] + BASH_REMATCH[2]))
    total=${BASH_REMATCH[3]}
elif [[ "$summary" =~ ([0-9]+)\ post-tests\ in|of\ ([0-9]+)\ tests ]]; then
    total=${BASH_REMATCH[2]:-0}
fi
grep -E 'odoo\.tests\.(stats|result)' "$LOG" | tail -5 >&2 || true
if [ -n "$errors" ]; then
    echo "---- ERROR lines of the test log ----" >&2
    echo "$errors" | cut -c1-400 | head -40 >&2
fi
echo "tests: $((total - failed)) passed, $failed failed"

if [ "$rc" != 0 ] || [ "$failed" != 0 ] || [ -n "$errors" ]; then
    die "tests failed (odoo exit code $rc, $failed failed tests, $(echo -n "$errors" | grep -c . || true) ERROR lines); log: $LOG"
fi
[ "$total" -gt 0 ] || die "no test ran; log: $LOG"
info "all $total tests passed"
