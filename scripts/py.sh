#!/usr/bin/env bash
# Runs a Python script of the project with the project's interpreter (set-up first):
#   scripts/py.sh scripts/bench.py --db amgmt_bench_small
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"
"$PROJECT_ROOT/scripts/setup.sh" >&2
load_pg_env
exec "$PYTHON" "$@"
