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
