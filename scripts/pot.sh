#!/usr/bin/env bash
# `make pot`: regenerate account_mgmt_addon/i18n/account_mgmt_addon.pot from the code
# with Odoo's exporter, on $POT_DB (default: make run's database), upgraded first
# (created with demo data when missing). Then translate the new terms of fr.po and
# es.po (e.g. msgmerge --update account_mgmt_addon/i18n/fr.po <the .pot>).
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"
"$PROJECT_ROOT/scripts/setup.sh"
load_pg_env
cd "$PROJECT_ROOT"
POT_DB="${POT_DB:-$RUN_DB}"
POT_FILE="$MODULE/i18n/$MODULE.pot"

if psql -d postgres -Atqc "select 1 from pg_database where datname = '$POT_DB'" | grep -q 1; then
    log "upgrading $MODULE in $POT_DB"
    odoo_cli -c "$ODOO_CONF" -d "$POT_DB" -u "$MODULE" --stop-after-init --log-level=warn
else
    log "creating $POT_DB with demo data and $MODULE"
    odoo_cli -c "$ODOO_CONF" -d "$POT_DB" -i "$MODULE" --stop-after-init --log-level=warn
fi
log "exporting the terms of $MODULE to $POT_FILE"
odoo_cli -c "$ODOO_CONF" -d "$POT_DB" --i18n-export="$POT_FILE" --modules="$MODULE" \
    --stop-after-init --log-level=warn
