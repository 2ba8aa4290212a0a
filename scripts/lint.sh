#!/usr/bin/env bash
# ruff (lint and format) and pylint-odoo with the OCA mandatory checks; non-zero on any finding.
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"
log "ruff check / ruff format --check"
"$PYTHON" -m ruff check .
"$PYTHON" -m ruff format --check --quiet . || die "ruff format would change files (run: ruff format .)"
log "prettier --check (XML)"
"$LOCAL_DIR/node/node_modules/.bin/prettier" --plugin "$LOCAL_DIR/node/node_modules/@prettier/plugin-xml/src/plugin.js" \
    --check --log-level=warn "$MODULE/**/*.xml" || die "prettier would reformat the XML above (run: make format)"
log "oca-checks-odoo-module / oca-checks-po"
"$VENV_BIN/oca-checks-odoo-module" "$MODULE/__manifest__.py"
po_files=$(find "$MODULE/i18n" -name '*.po' -o -name '*.pot' 2>/dev/null || true)
if [ -n "$po_files" ]; then
    # shellcheck disable=SC2086
    "$VENV_BIN/oca-checks-po" $po_files
fi
log "pylint-odoo (OCA mandatory checks)"
"$PYTHON" -m pylint --rcfile=.pylintrc-mandatory --score=n "$MODULE"
