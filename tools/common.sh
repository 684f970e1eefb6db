# shellcheck shell=bash
# Shared settings of the Makefile's scripts: sourced, never run directly.
#
# It answers three questions for every script: where is the checkout, where is
# the Odoo 18.0 source tree, and which PostgreSQL server do we talk to.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
# CONNECTOR_VENV lets several checkouts (git worktrees) share one environment.
VENV="${CONNECTOR_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
mkdir -p "$CACHE/logs"

# Where the last ODOO_SRC used is remembered, and where a clone of Odoo lands
# when nothing else is available (both per user, outside the checkout).
CONFIG_DIR="${XDG_CONFIG_HOME:-$HOME/.config}/odoo-connector"
ODOO_SRC_MEMO="$CONFIG_DIR/odoo_src"
# Further Odoo 18.0 trees `make test-compat` tests against, one path a line
# (read by the scripts sourcing this file).
# shellcheck disable=SC2034
ODOO_SRC_COMPAT_LIST="$CONFIG_DIR/compat_odoo_srcs"
ODOO_CLONE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/odoo-connector/odoo-18.0"
ODOO_GIT_URL="https://github.com/odoo/odoo.git"

die() {
    echo "error: $*" >&2
    exit 1
}

info() {
    echo "==> $*" >&2
}

_is_odoo18_tree() {
    [ -f "$1/odoo/release.py" ] && [ -d "$1/addons" ] &&
        grep -Eq "^version_info = \(18, *0," "$1/odoo/release.py"
}

# Resolve the Odoo 18.0 source tree: $ODOO_SRC, else the remembered one, else
# the per-user clone (made now with a shallow clone of the 18.0 branch).
resolve_odoo_src() {
    local src=""
    if [ -n "${ODOO_SRC:-}" ]; then
        src="$(cd "$ODOO_SRC" 2>/dev/null && pwd)" ||
            die "ODOO_SRC=$ODOO_SRC does not exist"
        _is_odoo18_tree "$src" ||
            die "ODOO_SRC=$ODOO_SRC is not an Odoo 18.0 source tree (no odoo/release.py of 18.0)"
        if [ "${CONNECTOR_REMEMBER_ODOO_SRC:-1}" = 1 ]; then
            mkdir -p "$CONFIG_DIR"
            echo "$src" >"$ODOO_SRC_MEMO"
        fi
    elif [ -f "$ODOO_SRC_MEMO" ] && _is_odoo18_tree "$(cat "$ODOO_SRC_MEMO")"; then
        src="$(cat "$ODOO_SRC_MEMO")"
    elif _is_odoo18_tree "$ODOO_CLONE_DIR"; then
        src="$ODOO_CLONE_DIR"
    else
        info "no Odoo source tree known: cloning Odoo 18.0 into $ODOO_CLONE_DIR"
        mkdir -p "$(dirname "$ODOO_CLONE_DIR")"
        if ! git clone --quiet --depth 1 --branch 18.0 "$ODOO_GIT_URL" "$ODOO_CLONE_DIR.tmp" 2>"$CACHE/logs/odoo-clone.log"; then
            rm -rf "$ODOO_CLONE_DIR.tmp"
            die "no Odoo 18.0 source tree found and cloning $ODOO_GIT_URL failed
       (see $CACHE/logs/odoo-clone.log). Set ODOO_SRC to an Odoo 18.0 source
       tree, e.g.  ODOO_SRC=/path/to/odoo-18.0 make test  (it is remembered)."
        fi
        mv "$ODOO_CLONE_DIR.tmp" "$ODOO_CLONE_DIR"
        src="$ODOO_CLONE_DIR"
    fi
    ODOO_SRC="$src"
    export ODOO_SRC
}

# --- PostgreSQL --------------------------------------------------------------
# The server named by the usual PG* variables (default localhost:5432) when it
# answers; otherwise a private cluster under .cache/pg, started on demand and
# stopped by stop_private_pg (scripts call it from an EXIT trap).

PRIVATE_PG_DIR="$CACHE/pg"
PRIVATE_PG_PORT=55432
PRIVATE_PG_STARTED=0

_pg_bin() {
    local name="$1" cand
    if command -v "$name" >/dev/null 2>&1; then
        command -v "$name"
        return
    fi
    for cand in /usr/lib/postgresql/*/bin/"$name"; do
        [ -x "$cand" ] && echo "$cand" && return
    done
    return 1
}

# Run a PostgreSQL server binary; as root, as the unprivileged 'postgres' user
# because initdb and postgres refuse to run as root.
_pg_run() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start_private_pg() {
    local initdb pg_ctl
    initdb="$(_pg_bin initdb)" || die "PostgreSQL does not answer on ${PGHOST:-localhost}:${PGPORT:-5432} and no initdb is installed (install Debian's 'postgresql' package or set PGHOST/PGPORT)"
    pg_ctl="$(_pg_bin pg_ctl)" || die "pg_ctl not found"
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        die "PostgreSQL does not answer and there is no 'postgres' system user to run a private cluster as"
    fi
    if [ ! -f "$PRIVATE_PG_DIR/data/PG_VERSION" ]; then
        info "initialising a private PostgreSQL cluster in $PRIVATE_PG_DIR"
        mkdir -p "$PRIVATE_PG_DIR/data" "$PRIVATE_PG_DIR/run"
        [ "$(id -u)" = 0 ] && chown -R postgres "$PRIVATE_PG_DIR"
        _pg_run "$initdb" -D "$PRIVATE_PG_DIR/data" -A trust -U postgres >"$CACHE/logs/initdb.log" 2>&1 ||
            die "initdb failed, see $CACHE/logs/initdb.log"
    fi
    [ "$(id -u)" = 0 ] && chown -R postgres "$PRIVATE_PG_DIR"
    info "starting the private PostgreSQL cluster on port $PRIVATE_PG_PORT"
    _pg_run "$pg_ctl" -D "$PRIVATE_PG_DIR/data" -l "$PRIVATE_PG_DIR/server.log" -w \
        -o "-p $PRIVATE_PG_PORT -k $PRIVATE_PG_DIR/run -c listen_addresses=127.0.0.1" start >/dev/null ||
        die "could not start the private PostgreSQL cluster, see $PRIVATE_PG_DIR/server.log"
    PRIVATE_PG_STARTED=1
    export PGHOST=127.0.0.1 PGPORT=$PRIVATE_PG_PORT
    # Odoo refuses the 'postgres' role: give the current user a role of its own.
    psql -q -U postgres -d postgres -tc "SELECT 1 FROM pg_roles WHERE rolname = '$(id -un)'" | grep -q 1 ||
        psql -q -U postgres -d postgres -c "CREATE ROLE \"$(id -un)\" SUPERUSER LOGIN" >/dev/null
    PGUSER="$(id -un)"
    export PGUSER
}

stop_private_pg() {
    if [ "$PRIVATE_PG_STARTED" = 1 ]; then
        info "stopping the private PostgreSQL cluster"
        _pg_run "$(_pg_bin pg_ctl)" -D "$PRIVATE_PG_DIR/data" -m fast stop >/dev/null || true
        PRIVATE_PG_STARTED=0
    fi
}

ensure_pg() {
    if pg_isready -q -h "${PGHOST:-localhost}" -p "${PGPORT:-5432}" 2>/dev/null; then
        export PGHOST="${PGHOST:-localhost}" PGPORT="${PGPORT:-5432}"
        export PGUSER="${PGUSER:-$(id -un)}"
        [ "$PGUSER" = postgres ] && die "Odoo refuses to use the 'postgres' role: set PGUSER to another role"
        return 0
    fi
    start_private_pg
}

# A database name no other run uses (dropped by the caller when done).
fresh_db_name() {
    echo "${1:-connector}_$(date +%Y%m%d%H%M%S)_$$"
}

# The addons path: Odoo's own addons, the directory queue_job was installed
# in, this checkout (connector), its test addons and its examples.
addons_path() {
    local qj
    qj="$("$PY" -c 'import importlib.util, os; spec = importlib.util.find_spec("odoo.addons.queue_job"); print(os.path.dirname(os.path.dirname(spec.origin)))')"
    local path="$ODOO_SRC/odoo/addons,$ODOO_SRC/addons,$qj,$ROOT" dir
    # Odoo rejects a directory that holds no addon
    for dir in "$ROOT/tests" "$ROOT/examples" "$LEGACY_MIGRATED"; do
        compgen -G "$dir/*/__manifest__.py" >/dev/null && path="$path,$dir"
    done
    # the addons built from the guides' code blocks (build_guide_addons)
    compgen -G "$GUIDE_ADDONS_DIR/*/__manifest__.py" >/dev/null && path="$path,$GUIDE_ADDONS_DIR"
    echo "$path"
}

# The legacy 9.0/10.0 addons of tests/legacy, as the migration command
# rewrites them (by migrate_legacy_addons) for the test runs.
LEGACY_MIGRATED="$CACHE/legacy-migrated"

# Migrate every addon of tests/legacy into a fresh $LEGACY_MIGRATED with the
# project's migration command (odoo-bin connector_migrate); its report goes
# to $CACHE/logs/migrate-<addon>.txt. Prints the migrated addons' names,
# comma-separated. Fails when a migration fails.
migrate_legacy_addons() {
    local src name names=""
    rm -rf "$LEGACY_MIGRATED"
    mkdir -p "$LEGACY_MIGRATED"
    for src in "$ROOT"/tests/legacy/*/; do
        [ -d "$src" ] || continue
        name="$(basename "$src")"
        "$VENV/bin/odoo" --addons-path="$(addons_path)" connector_migrate "$src" "$LEGACY_MIGRATED/$name" \
            --report "$CACHE/logs/migrate-$name.txt" >/dev/null ||
            die "the migration of tests/legacy/$name failed (see the error above)"
        names="${names:+$names,}$name"
    done
    echo "$names"
}

# A free TCP port on loopback (odoo_harness.free_port).
free_port() {
    "$PY" "$ROOT/tools/odoo_harness.py" free-port
}

# Run Odoo's `odoo` command on this checkout's addons and the PostgreSQL
# server of the PG* variables, with the options the Python scripts give it
# (odoo_harness.odoo_options), followed by "$@".
run_odoo() {
    local options
    options="$(CONNECTOR_ADDONS_PATH="$(addons_path)" "$PY" "$ROOT/tools/odoo_harness.py" odoo-options)" ||
        die "tools/odoo_harness.py odoo-options failed (see the error above)"
    local -a args
    mapfile -t args <<<"$options"
    "$VENV/bin/odoo" "${args[@]}" "$@"
}

# Install the Debian package $1 through apt-get when run as root, like
# tools/setup.sh's packages, unless its command $2 (default: $1) is there.
# (Not in setup.sh: its text is part of the virtual environment's stamp.)
# CONNECTOR_NO_INSTALL=1 (the pre-commit hooks) only names what is missing.
ensure_system_package() {
    local package="$1" command="${2:-$1}"
    command -v "$command" >/dev/null 2>&1 || [ -x "/usr/sbin/$command" ] && return 0
    if [ "${CONNECTOR_NO_INSTALL:-0}" != 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        info "installing system package: $package"
        apt-get update -qq >"$CACHE/logs/apt.log" 2>&1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >>"$CACHE/logs/apt.log" 2>&1 ||
            die "apt-get install $package failed, see $CACHE/logs/apt.log"
    else
        die "missing system package: $package (install it with your package manager)"
    fi
}

# HAProxy, the load balancer of the scale-out suite (tests/e2e/test_scale_out.py).
ensure_haproxy() {
    ensure_system_package haproxy
}

# The addons the guides build from their code blocks (the bootstrap guide's
# connector), written by build_guide_addons for the test runs.
GUIDE_ADDONS_DIR="$CACHE/guide-addons"

# Write the addons of doc/guides/bootstrap_connector.rst into a fresh
# $GUIDE_ADDONS_DIR (tools/doc_blocks.py); prints their names, comma-separated.
build_guide_addons() {
    rm -rf "$GUIDE_ADDONS_DIR"
    mkdir -p "$GUIDE_ADDONS_DIR"
    "$PY" "$ROOT/tools/doc_blocks.py" extract "$ROOT/doc/guides/bootstrap_connector.rst" "$GUIDE_ADDONS_DIR" ||
        die "building the addons of doc/guides/bootstrap_connector.rst failed (see the error above)"
}
