#!/usr/bin/env bash
# `make lint` and the pre-commit hooks (.pre-commit-config.yaml): ruff (lint
# and format) and pylint-odoo's mandatory checks over the project's Python
# code, shellcheck over its shell scripts, the layout of its XML files, and
# the wheel's contents.
#
#   tools/lint.sh [ruff] [pylint] [shell] [xml] [wheel]   (default: all)
#
# The checks run from the virtual environment and the system's shellcheck
# (installed through apt-get when missing, as root; never with
# CONNECTOR_NO_INSTALL=1, which the pre-commit hooks set).
source "$(dirname "$0")/common.sh"
cd "$ROOT"
[ -x "$VENV/bin/ruff" ] || die "no linters in $VENV: run \`make setup\` first"

lint_ruff() {
    local dirs=() dir
    for dir in connector tests examples tools doc setup.py; do
        [ -e "$dir" ] && dirs+=("$dir")
    done
    info "ruff"
    "$VENV/bin/ruff" check "${dirs[@]}"
    "$VENV/bin/ruff" format --check "${dirs[@]}"
}

lint_pylint() {
    local addons=(connector) manifest
    info "pylint-odoo (mandatory checks)"
    for manifest in tests/*/__manifest__.py examples/*/__manifest__.py; do
        [ -f "$manifest" ] && addons+=("$(dirname "$manifest")")
    done
    "$VENV/bin/pylint" --rcfile=.pylintrc-mandatory "${addons[@]}"
}

lint_shell() {
    info "shellcheck"
    ensure_system_package shellcheck
    shellcheck -x -P SCRIPTDIR tools/*.sh .ci/run
}

lint_xml() {
    info "XML layout (tools/xml_style.py)"
    "$PY" "$ROOT/tools/xml_style.py"
}

lint_wheel() {
    local wheel_dir contents expected
    info "packaging: setup.py builds a wheel installing odoo/addons/connector"
    wheel_dir="$(mktemp -d)"
    # shellcheck disable=SC2064
    trap "rm -rf '$wheel_dir'" EXIT
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
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(ruff pylint shell xml wheel)
for step in "${steps[@]}"; do
    case "$step" in
    ruff | pylint | shell | xml | wheel) "lint_$step" ;;
    *) die "unknown lint step: $step (ruff, pylint, shell, xml or wheel)" ;;
    esac
done
