#!/usr/bin/env bash
# `make stress`: the example connector's import under load and faults,
# measured (tools/stress.py; options: --help, passed with STRESS_ARGS).
#   STRESS_PARTNERS  remote partners of the bulk load (default 5000)
#   STRESS_RECORD_PARTNERS, STRESS_FAULT_PARTNERS  those of the per-record
#                    load and of the faults (default 2000 each)
#   STRESS_ODOO=compat  run on the first further Odoo tree of
#                    ~/.config/odoo-connector/compat_odoo_srcs and its own
#                    virtual environment (as `make test-compat` does), e.g.
#                    to measure queue_job 18.0.4's recovery;
#                    STRESS_COMPAT_VENV names another environment for it
source "$(dirname "$0")/common.sh"
if [ "${STRESS_ODOO:-main}" = compat ]; then
    src="$(grep -m1 . "$ODOO_SRC_COMPAT_LIST" 2>/dev/null)" ||
        die "STRESS_ODOO=compat: no Odoo tree listed in $ODOO_SRC_COMPAT_LIST"
    export ODOO_SRC="$src" CONNECTOR_REMEMBER_ODOO_SRC=0
    export CONNECTOR_VENV="${STRESS_COMPAT_VENV:-$CACHE/venv-compat-$(echo "$src" | sha1sum | cut -c1-8)}"
    VENV="$CONNECTOR_VENV"
    PY="$VENV/bin/python"
fi
bash "$ROOT/tools/setup.sh"
resolve_odoo_src
ensure_pg
trap stop_private_pg EXIT

export CONNECTOR_ADDONS_PATH
CONNECTOR_ADDONS_PATH="$(addons_path)"
info "stress run on $ODOO_SRC ($("$PY" -m pip list 2>/dev/null | grep -i 'queue.job' | tr -s ' '))"
# shellcheck disable=SC2086
"$PY" "$ROOT/tools/stress.py" ${STRESS_ARGS:-}
