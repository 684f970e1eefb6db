#!/usr/bin/env bash
# `make docs`: the Sphinx documentation, warnings as errors.
source "$(dirname "$0")/common.sh"
resolve_odoo_src
"$PY" -m sphinx -W --keep-going -q -b html "$ROOT/doc" "$ROOT/doc/_build/html"
info "documentation built in $ROOT/doc/_build/html/index.html"
