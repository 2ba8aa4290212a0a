# shellcheck shell=bash
# Common settings of the project's scripts. Sourced, never run.
# Everything generated at run time lives under .local/ (git-ignored).
PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="${AMGMT_LOCAL_DIR:-$PROJECT_ROOT/.local}"
PYTHON="${PYTHON:-python3}"
ODOO_CONF="$LOCAL_DIR/odoo.conf"
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

# The private PostgreSQL cluster, when setup had to start one, is recorded here.
if [ -f "$LOCAL_DIR/pg.env" ]; then
    # shellcheck disable=SC1091
    . "$LOCAL_DIR/pg.env"
fi
