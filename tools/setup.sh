#!/usr/bin/env bash
# Prepare everything `make test`, `make demo`, `make docs` and `make bench`
# need: system packages, the Odoo 18.0 source tree and the virtual environment.
# Idempotent: a second run only checks a stamp and returns within a second.
source "$(dirname "$0")/common.sh"

# --- system packages ---------------------------------------------------------
# libpq-dev: psycopg2 is built from source; chromium: browser tests (tours);
# postgresql-client: pg_isready/psql/dropdb used by the scripts.
missing=()
command -v pg_config >/dev/null 2>&1 || missing+=(libpq-dev)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pg_isready >/dev/null 2>&1 || missing+=(postgresql-client)
command -v gcc >/dev/null 2>&1 || missing+=(build-essential)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        info "installing system packages: ${missing[*]}"
        apt-get update -qq >"$CACHE/logs/apt.log" 2>&1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >>"$CACHE/logs/apt.log" 2>&1 ||
            die "apt-get install ${missing[*]} failed, see $CACHE/logs/apt.log"
    else
        die "missing system packages: ${missing[*]} (install them with your package manager)"
    fi
fi

resolve_odoo_src

# --- virtual environment -----------------------------------------------------
python_bin="${PYTHON:-python3}"
stamp_src="$(
    echo "$ODOO_SRC"
    cat "$ODOO_SRC/requirements.txt" "$ROOT/requirements.txt" "$ROOT/test-requirements.txt" "$0"
)"
stamp="$(echo "$stamp_src" | sha1sum | cut -c1-16)"
if [ -x "$PY" ] && [ "$(cat "$VENV/.stamp" 2>/dev/null)" = "$stamp" ]; then
    exit 0
fi

log="$CACHE/logs/setup.log"
info "building the virtual environment in $VENV (log: $log)"
[ -x "$PY" ] || "$python_bin" -m venv "$VENV"
: >"$log"
pip_() { "$PY" -m pip --disable-pip-version-check "$@" >>"$log" 2>&1 || die "pip $* failed, see $log"; }

# cbor2 5.4.2 (pinned by Odoo) imports pkg_resources in its setup.py: build it
# without isolation against a setuptools that still ships pkg_resources.
pip_ install -q -U pip wheel 'setuptools<70' 'setuptools_scm<8'
odoo_reqs="$CACHE/odoo-requirements.txt"
# python-ldap needs libldap headers and only serves auth_ldap, which we never load.
grep -v -E '^python-ldap' "$ODOO_SRC/requirements.txt" >"$odoo_reqs"
grep -E '^cbor2' "$odoo_reqs" >"$CACHE/cbor2-requirement.txt" || true
pip_ install -q --no-build-isolation -r "$CACHE/cbor2-requirement.txt"
pip_ install -q -r "$odoo_reqs"
pip_ install -q --no-deps --no-build-isolation --config-settings editable_mode=compat -e "$ODOO_SRC"

# queue_job 18.0.1.7.1 and later call odoo.api.private (Odoo 18 builds from
# 2025-02-28 on): cap queue_job when the installed Odoo lacks it.
constraints="$CACHE/constraints.txt"
: >"$constraints"
if ! "$PY" -c 'import odoo.api, sys; sys.exit(0 if hasattr(odoo.api, "private") else 1)'; then
    echo 'odoo-addon-queue-job<18.0.1.7.1' >>"$constraints"
fi
pip_ install -q -c "$constraints" -r "$ROOT/requirements.txt" -r "$ROOT/test-requirements.txt"

echo "$stamp" >"$VENV/.stamp"
info "virtual environment ready: Odoo from $ODOO_SRC, $("$PY" -m pip list 2>/dev/null | grep -i 'queue.job' | tr -s ' ')"
