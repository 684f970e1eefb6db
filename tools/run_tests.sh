#!/usr/bin/env bash
# `make test`: linters, then the Odoo tests of this project's addons on a fresh
# database (dropped afterwards), then the end-to-end suites. Fails on a linter
# finding, a failed, erroring or skipped test (a skipped test proves nothing),
# an ERROR/CRITICAL log line, or when no test ran. Its closing line counts the
# tests: "tests: N passed, N failed, N skipped".
#
#   TEST_TAGS   Odoo --test-tags to run (default: every addon of the project)
#   SKIP_LINT=1 skip the linters (quicker iterations while developing)
#   TEST_ODOO=0 skip the Odoo tests; TEST_E2E=0 skip the end-to-end suites
#               (tests/e2e: real Odoo servers, job runner and workers)
#   E2E_ARGS    further pytest arguments for the end-to-end suites, e.g.
#               E2E_ARGS="-k exactly_once" runs only the matching tests
source "$(dirname "$0")/common.sh"
resolve_odoo_src

# The addons this project ships: the framework, the test addons, the examples.
ADDONS="connector"
# The connector of the bootstrap guide, built from the guide's code blocks
# exactly as written, is installed and tested too.
if [ "${TEST_ODOO:-1}" = 1 ]; then
    info "building the bootstrap guide's connector from its code blocks (in $GUIDE_ADDONS_DIR)"
    ADDONS="$ADDONS,$(build_guide_addons)"
    if [ "${SKIP_LINT:-0}" != 1 ]; then
        # the guide's code follows the project's style too
        (cd "$GUIDE_ADDONS_DIR" &&
            "$VENV/bin/ruff" check -q --no-cache --config "$ROOT/.ruff.toml" . &&
            "$VENV/bin/ruff" format -q --check --no-cache --config "$ROOT/.ruff.toml" .) ||
            die "the code of doc/guides/bootstrap_connector.rst does not pass ruff (see above)"
    fi
fi
for manifest in "$ROOT"/tests/*/__manifest__.py "$ROOT"/examples/*/__manifest__.py; do
    [ -f "$manifest" ] && ADDONS="$ADDONS,$(basename "$(dirname "$manifest")")"
done
# The legacy 9.0/10.0 addons of tests/legacy, migrated by the migration
# command (a failed migration fails the run), are installed and tested too.
if [ "${TEST_ODOO:-1}" = 1 ] || [ "${TEST_E2E:-1}" = 1 ]; then
    info "migrating the legacy addons of tests/legacy (reports: $CACHE/logs/migrate-*.txt)"
    LEGACY_ADDONS="$(migrate_legacy_addons)"
    [ -n "$LEGACY_ADDONS" ] && ADDONS="$ADDONS,$LEGACY_ADDONS"
fi
DEFAULT_TAGS="$(echo "$ADDONS" | sed -e 's#^#/#' -e 's#,#,/#g')"
TEST_TAGS="${TEST_TAGS:-$DEFAULT_TAGS}"

if [ "${SKIP_LINT:-0}" != 1 ]; then
    bash "$ROOT/tools/lint.sh"
    # the API reference is built from the docstrings: keep it building
    bash "$ROOT/tools/docs.sh"
fi

ensure_pg
trap stop_private_pg EXIT
# Hypothesis (the example's property-based tests) keeps its files under .cache
export HYPOTHESIS_STORAGE_DIRECTORY="$CACHE/hypothesis"

passed=0
failed=0
skipped=0
fail_reasons=()

# Odoo's summary line leaves the skipped tests out: it logs each one on its
# own, at INFO, on the logger of the test's module ("odoo.tests.suite" for a
# class or module whose set-up skipped):
#   ... INFO <db> odoo.addons.x.tests.test_y: skipped TestY.test_z : <reason>
#   ... INFO <db> odoo.tests.suite: skipped setUpClass (odoo.addons.x...) : <reason>
ODOO_SKIP_LINE='^[0-9-]+ [0-9:,]+ [0-9]+ INFO [^ ]+ (odoo\.addons\.[^ ]+|odoo\.tests\.suite): skipped '

run_odoo_tests() {
    local DB LOG PORT rc summary errors skips ran_skips total=0 bad=0
    DB="$(fresh_db_name connector_test)"
    LOG="$CACHE/logs/test-$DB.log"
    PORT="$(free_port)"
    # shellcheck disable=SC2064
    trap "dropdb --if-exists '$DB' >/dev/null 2>&1 || true; stop_private_pg" EXIT
    info "installing $ADDONS and running their tests on database $DB (log: $LOG)"
    set +e
    run_odoo \
        -d "$DB" --db-filter="^$DB\$" \
        -i "$ADDONS" --without-demo=all \
        --test-enable --test-tags="$TEST_TAGS" \
        --http-interface=127.0.0.1 --http-port="$PORT" --gevent-port="$(free_port)" \
        --stop-after-init --log-level=info \
        --logfile="$LOG"
    rc=$?
    set -e
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true

    # Odoo's summary: "odoo.tests.result: 2 failed, 1 error(s) of 42 tests ..."
    summary="$(grep -E 'odoo\.tests\.result: .* tests' "$LOG" | tail -1 || true)"
    errors="$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$LOG" || true)"
    if [[ "$summary" =~ ([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]]; then
        bad=$((BASH_REMATCH[1] + BASH_REMATCH[2]))
        total=${BASH_REMATCH[3]}
    fi
    skips="$(grep -E "$ODOO_SKIP_LINE" "$LOG" | sed -E 's/^.* INFO [^ ]+ //' || true)"
    # a test skipped by itself was counted as run; one whose class or module
    # set-up skipped was not
    ran_skips="$(grep -cv -E 'skipped setUp(Class|Module) ' <<<"$skips" || true)"
    [ -n "$skips" ] || ran_skips=0
    grep -E 'odoo\.tests\.(stats|result)' "$LOG" | tail -8 >&2 || true
    if [ -n "$skips" ]; then
        echo "---- skipped Odoo tests ----" >&2
        echo "$skips" | cut -c1-400 | head -40 >&2
        fail_reasons+=("$(grep -c . <<<"$skips") skipped Odoo tests ($LOG)")
    fi
    if [ -n "$errors" ]; then
        echo "---- ERROR lines of the test log ----" >&2
        echo "$errors" | cut -c1-400 | head -40 >&2
        fail_reasons+=("$(echo "$errors" | grep -c .) ERROR lines in $LOG")
    fi
    [ "$rc" = 0 ] || fail_reasons+=("odoo exited with $rc ($LOG)")
    [ "$total" -gt 0 ] || fail_reasons+=("no Odoo test ran ($LOG)")
    [ "$bad" = 0 ] || fail_reasons+=("$bad failed Odoo tests ($LOG)")
    passed=$((passed + total - bad - ran_skips))
    failed=$((failed + bad))
    skipped=$((skipped + $(grep -c . <<<"$skips" || true)))
}

run_e2e_tests() {
    local junit="$CACHE/logs/e2e-junit.xml" counts
    compgen -G "$ROOT/tests/e2e/test_*.py" >/dev/null || return 0
    ensure_haproxy
    info "end-to-end suites (log: $CACHE/logs/e2e.log)"
    export CONNECTOR_ADDONS_PATH
    CONNECTOR_ADDONS_PATH="$(addons_path)"
    rm -f "$junit"
    set +e
    # shellcheck disable=SC2086
    "$PY" -m pytest "$ROOT/tests/e2e" -p no:cacheprovider -q -rA \
        --junitxml="$junit" ${E2E_ARGS:-} 2>&1 | tee "$CACHE/logs/e2e.log" | tail -30 >&2
    set -e
    # the counts of pytest's JUnit report: passed, failed or erroring, skipped
    counts="$("$PY" - "$junit" <<'PY'
import sys
import xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except (OSError, ET.ParseError):
    print(0, 1, 0)
    sys.exit()
suites = [root] if root.tag == "testsuite" else list(root)
total = sum(int(s.get("tests", 0)) for s in suites)
bad = sum(int(s.get(k, 0)) for s in suites for k in ("failures", "errors"))
skipped = sum(int(s.get("skipped", 0)) for s in suites)
print(total - bad - skipped, bad, skipped)
PY
)"
    read -r ok bad skip <<<"$counts"
    [ "$bad" = 0 ] || fail_reasons+=("$bad failed or erroring end-to-end tests ($CACHE/logs/e2e.log)")
    # skipped tests count as failures: a skipped test proves nothing
    [ "$skip" = 0 ] || fail_reasons+=("$skip skipped end-to-end tests ($CACHE/logs/e2e.log)")
    [ "$ok" -gt 0 ] || [ "$bad" -gt 0 ] || [ "$skip" -gt 0 ] || fail_reasons+=("no end-to-end test ran")
    passed=$((passed + ok))
    failed=$((failed + bad))
    skipped=$((skipped + skip))
}

[ "${TEST_ODOO:-1}" = 1 ] && run_odoo_tests
[ "${TEST_E2E:-1}" = 1 ] && run_e2e_tests

echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ ${#fail_reasons[@]} -gt 0 ]; then
    printf 'error: %s\n' "${fail_reasons[@]}" >&2
    exit 1
fi
[ "$passed" -gt 0 ] || die "no test ran"
info "all $passed tests passed"
