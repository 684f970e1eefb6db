#!/usr/bin/env bash
# `make demo`: the example connector synchronizing two Odoo databases through
# queue_job's runner and workers (tools/demo_sync.py; options: --help, passed
# with DEMO_ARGS="--partners 1000"). The databases example_demo_remote and
# example_demo_local are recreated at each run and kept afterwards.
source "$(dirname "$0")/common.sh"
resolve_odoo_src
ensure_pg
trap stop_private_pg EXIT

export CONNECTOR_ADDONS_PATH DEMO_PRIVATE_PG="$PRIVATE_PG_STARTED"
CONNECTOR_ADDONS_PATH="$(addons_path)"
# shellcheck disable=SC2086
"$PY" "$ROOT/tools/demo_sync.py" ${DEMO_ARGS:-}
