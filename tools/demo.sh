#!/usr/bin/env bash
# `make demo`: a database with the connector installed, and what it holds.
#   DEMO_DB   name of the database (default: connector_demo); it is kept for
#             inspection and reused by the next run.
source "$(dirname "$0")/common.sh"
resolve_odoo_src
ensure_pg
trap stop_private_pg EXIT

DB="${DEMO_DB:-connector_demo}"
ADDONS="connector"
LOG="$CACHE/logs/demo.log"
odoo_() {
    local command=()
    [ "${1:-}" = shell ] && command=(shell) && shift
    "$VENV/bin/odoo" "${command[@]}" --addons-path="$(addons_path)" \
        --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" \
        -d "$DB" --db-filter="^$DB\$" --logfile="$LOG" "$@"
}

state="$(psql -d "$DB" -Atc "SELECT state FROM ir_module_module WHERE name = 'connector'" 2>/dev/null || true)"
if [ "$state" != installed ]; then
    info "creating database $DB and installing $ADDONS (log: $LOG)"
    odoo_ -i "$ADDONS" --without-demo=all --stop-after-init ||
        die "installing $ADDONS failed, see $LOG"
else
    info "database $DB already has $ADDONS installed"
fi

odoo_ shell --no-http --log-level=warn 2>>"$LOG" <<'PY'
from odoo.addons.connector.backend import BACKENDS

modules = env["ir.module.module"].search(
    [("state", "=", "installed"), ("name", "in", ["connector", "queue_job", "mail"])]
)
print("Installed:")
for module in modules.sorted("name"):
    print(f"  {module.name:<12} {module.installed_version}")
print("Backend models:", ", ".join(sorted(
    name for name in env if name != "connector.backend"
    and "connector.backend" in env[name]._inherit_module
)) or "none yet")
print("Registered backends:", ", ".join(sorted(map(str, BACKENDS.backends))) or "none yet")
PY
echo
echo "Database '$DB' is kept. Open it with:"
echo "  $VENV/bin/odoo --addons-path=$(addons_path) -d $DB --db-filter=^$DB\$"
echo "then browse http://localhost:8069 (login admin / admin)."
