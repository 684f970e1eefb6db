#!/usr/bin/env bash
# `make test-compat`: the test suite again on each further Odoo 18.0 tree
# listed in ~/.config/odoo-connector/compat_odoo_srcs (one path a line), each
# with its own virtual environment under .cache/ and the queue_job release
# that tree supports. E.g. an Odoo 18 build from before 2025-02-28 (queue_job
# 18.0.1.x) as main tree and a later one (queue_job 18.0.4.x) listed here.
source "$(dirname "$0")/common.sh"
if ! grep -q '[^[:space:]]' "$ODOO_SRC_COMPAT_LIST" 2>/dev/null; then
    echo "test-compat: no further Odoo 18.0 tree to test on: none listed in $ODOO_SRC_COMPAT_LIST; nothing was tested."
    echo "  To add one: echo /path/to/another/odoo-18.0 >>$ODOO_SRC_COMPAT_LIST"
    exit 0
fi
while read -r src; do
    [ -n "$src" ] || continue
    name="$(echo "$src" | sha1sum | cut -c1-8)"
    info "test suite on $src"
    export ODOO_SRC="$src" CONNECTOR_REMEMBER_ODOO_SRC=0 CONNECTOR_VENV="$CACHE/venv-compat-$name"
    bash "$ROOT/tools/setup.sh"
    SKIP_LINT=1 bash "$ROOT/tools/run_tests.sh"
done <"$ODOO_SRC_COMPAT_LIST"
