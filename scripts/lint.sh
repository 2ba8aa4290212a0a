#!/usr/bin/env bash
# ruff (lint and format) and pylint-odoo with the OCA mandatory checks; non-zero on any finding.
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"
log "ruff check / ruff format --check"
"$PYTHON" -m ruff check .
"$PYTHON" -m ruff format --check --quiet . || die "ruff format would change files (run: ruff format .)"
log "pylint-odoo (OCA mandatory checks)"
"$PYTHON" -m pylint --rcfile=.pylintrc-mandatory --score=n "$MODULE"
