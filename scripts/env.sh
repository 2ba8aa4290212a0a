# shellcheck shell=bash
# Common settings of the project's scripts. Sourced, never run.
# Everything generated at run time lives under .local/ and .venv/ (git-ignored).
PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="${AMGMT_LOCAL_DIR:-$PROJECT_ROOT/.local}"
# The interpreter the project's virtual environment is made from: PYTHON when given
# (e.g. PYTHON=/usr/bin/python3), else python3. Kept under its own name for child scripts.
BASE_PYTHON="${AMGMT_BASE_PYTHON:-${PYTHON:-python3}}"
export AMGMT_BASE_PYTHON="$BASE_PYTHON"
VENV_DIR="${AMGMT_VENV:-$PROJECT_ROOT/.venv}"
# The interpreter every script runs: an activated virtual environment that already
# imports Odoo 18.0 is used as is; otherwise the project's own virtual environment.
if [ -n "${VIRTUAL_ENV:-}" ] && [ "$VIRTUAL_ENV" != "$VENV_DIR" ] \
    && "$VIRTUAL_ENV/bin/python" -c 'import sys, odoo.release as r; sys.exit(r.version_info[:2] != (18, 0))' 2>/dev/null; then
    PYTHON="$VIRTUAL_ENV/bin/python"
    USING_ACTIVE_VENV=1
else
    PYTHON="$VENV_DIR/bin/python"
    USING_ACTIVE_VENV=0
fi
VENV_BIN="$(dirname "$PYTHON")"
ODOO_CONF="${AMGMT_ODOO_CONF:-$LOCAL_DIR/odoo.conf}"
PG_LOCAL_DATA="$LOCAL_DIR/pgdata"
PG_LOCAL_SOCKET="$LOCAL_DIR/pgrun"
PG_LOCAL_LOG="$LOCAL_DIR/postgresql.log"
PG_LOCAL_USER="${AMGMT_PG_USER:-odoo}"
HTTP_PORT="${HTTP_PORT:-8069}"
RUN_DB="${RUN_DB:-account_mgmt_demo}"
MODULE=account_mgmt_addon
mkdir -p "$LOCAL_DIR"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Odoo's own command line, whatever way Odoo was installed.
odoo_cli() { "$PYTHON" -m odoo "$@"; }

# The PostgreSQL server: the one the caller's PG* variables name (PGHOST or PGPORT set
# when the first script started), else the private cluster that set-up started for this
# checkout (recorded in pg.env), else the default socket.
if [ -z "${AMGMT_PG_CALLER:-}" ]; then
    if [ -n "${PGHOST:-}${PGPORT:-}" ]; then AMGMT_PG_CALLER=1; else AMGMT_PG_CALLER=0; fi
    export AMGMT_PG_CALLER
fi
load_pg_env() {
    if [ "$AMGMT_PG_CALLER" = 0 ] && [ -f "$LOCAL_DIR/pg.env" ]; then
        # shellcheck disable=SC1091
        . "$LOCAL_DIR/pg.env"
    fi
}
load_pg_env
