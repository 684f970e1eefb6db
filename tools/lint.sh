#!/usr/bin/env bash
# Linters of `make test`: ruff (lint and format) and pylint-odoo's mandatory
# checks, over the project's Python code.
source "$(dirname "$0")/common.sh"
cd "$ROOT"
PY_DIRS=()
for dir in connector tests examples tools doc setup.py; do
    [ -e "$dir" ] && PY_DIRS+=("$dir")
done
info "ruff"
"$VENV/bin/ruff" check "${PY_DIRS[@]}"
"$VENV/bin/ruff" format --check "${PY_DIRS[@]}"
info "pylint-odoo (mandatory checks)"
addons=(connector)
for manifest in tests/*/__manifest__.py examples/*/__manifest__.py; do
    [ -f "$manifest" ] && addons+=("$(dirname "$manifest")")
done
"$VENV/bin/pylint" --rcfile=.pylintrc-mandatory "${addons[@]}"
info "packaging: setup.py builds a wheel installing odoo/addons/connector"
wheel_dir="$(mktemp -d)"
trap 'rm -rf "$wheel_dir"' EXIT
"$PY" -m pip wheel -q --no-deps --no-build-isolation "$ROOT" -w "$wheel_dir" >"$CACHE/logs/wheel.log" 2>&1 ||
    die "building the wheel failed, see $CACHE/logs/wheel.log"
rm -rf "$ROOT/build" "$ROOT"/*.egg-info
contents="$("$PY" -m zipfile -l "$wheel_dir"/*.whl)"
for expected in odoo/addons/connector/__manifest__.py odoo/addons/connector/security/connector_security.xml; do
    grep -q "$expected" <<<"$contents" || die "the wheel lacks $expected"
done
if grep -qE ' odoo/(addons/)?__init__.py' <<<"$contents"; then
    die "the wheel must not ship odoo/__init__.py or odoo/addons/__init__.py"
fi
