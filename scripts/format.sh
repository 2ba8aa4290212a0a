#!/usr/bin/env bash
# Format the code the way lint checks it: ruff format (Python), prettier (XML).
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"
"$PYTHON" -m ruff format .
"$LOCAL_DIR/node/node_modules/.bin/prettier" --plugin "$LOCAL_DIR/node/node_modules/@prettier/plugin-xml/src/plugin.js" \
    --write --log-level=warn "$MODULE/**/*.xml"
