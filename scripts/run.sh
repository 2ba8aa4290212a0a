#!/usr/bin/env bash
# `make run`: create (or upgrade) the demo database and serve Odoo on http://localhost:$HTTP_PORT.
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"
"$PROJECT_ROOT/scripts/setup.sh"
load_pg_env

if psql -d postgres -Atqc "select 1 from pg_database where datname = '$RUN_DB'" | grep -q 1; then
    log "upgrading $MODULE in $RUN_DB"
    odoo_cli -c "$ODOO_CONF" -d "$RUN_DB" -u "$MODULE" --stop-after-init --log-level=warn
else
    log "creating $RUN_DB with demo data and $MODULE"
    odoo_cli -c "$ODOO_CONF" -d "$RUN_DB" -i "$MODULE" --stop-after-init --log-level=warn
fi
echo
echo "  Odoo is serving http://localhost:$HTTP_PORT  (database $RUN_DB)"
echo "  Log in as admin / admin (account managers: amanda / amanda, marc / marc; director: diane / diane)"
echo
exec "$PYTHON" -m odoo -c "$ODOO_CONF" -d "$RUN_DB" --db-filter="^$RUN_DB\$" --http-port="$HTTP_PORT" ${RUN_ARGS:-}
