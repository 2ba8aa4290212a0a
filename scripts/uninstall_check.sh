#!/usr/bin/env bash
# Checks that uninstalling the add-on leaves the core records it found intact.
#   scripts/uninstall_check.sh snapshot DB FILE   fingerprint core records (before the add-on)
#   scripts/uninstall_check.sh verify DB FILE     uninstall the add-on, then compare
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"
load_pg_env
action="$1" db="$2" file="$3"

# table -> columns that make up a record's identity and its business figures
TABLES=(
    "res_partner:id, name, email, parent_id, commercial_partner_id, is_company, active, customer_rank, user_id"
    "account_move:id, name, state, move_type, partner_id, date, amount_total, amount_residual, payment_state"
    "account_move_line:id, move_id, account_id, partner_id, balance, amount_residual, reconciled, product_id, quantity"
    "account_payment:id, move_id, partner_id, amount, state"
    "crm_lead:id, name, partner_id, stage_id, user_id, expected_revenue, probability, active"
    "sale_order:id, name, state, partner_id, amount_total, user_id"
    "mail_activity:id, res_model, res_id, activity_type_id, user_id, date_deadline, summary"
    "product_template:id, name, list_price, active"
)

fingerprint() {
    local where="$1" entry table cols sql=""
    for entry in "${TABLES[@]}"; do
        table="${entry%%:*}" cols="${entry#*:}"
        [ -n "$sql" ] && sql+=" union all "
        sql+="select '$table', count(*), md5(coalesce(string_agg(row($cols)::text, '|' order by id), ''))
              from $table where $where"
    done
    psql -d "$db" -AtqF ' ' -c "$sql"
}

case "$action" in
snapshot)
    fingerprint "true" >"$file"
    for entry in "${TABLES[@]}"; do
        table="${entry%%:*}"
        echo "max $table $(psql -d "$db" -Atqc "select coalesce(max(id), 0) from $table")" >>"$file"
    done
    ;;
verify)
    log "uninstalling $MODULE from $db"
    echo "env['ir.module.module'].search([('name', '=', '$MODULE')]).button_immediate_uninstall()" \
        | odoo_cli shell -c "$ODOO_CONF" -d "$db" --no-http --log-level=warn >"$LOCAL_DIR/uninstall-$db.log" 2>&1 \
        || { tail -30 "$LOCAL_DIR/uninstall-$db.log"; die "uninstalling $MODULE failed"; }
    state=$(psql -d "$db" -Atqc "select state from ir_module_module where name = '$MODULE'")
    [ "$state" = uninstalled ] || die "$MODULE is '$state' after uninstall"
    leftovers=$(psql -d "$db" -Atqc "select count(*) from information_schema.tables where table_name like 'account\_mgmt\_%'")
    [ "$leftovers" = 0 ] || die "uninstall left $leftovers account_mgmt_* tables"
    columns=$(psql -d "$db" -Atqc "select count(*) from information_schema.columns where column_name like 'account\_mgmt\_%' or (table_name = 'res_partner' and column_name like 'account\_%')")
    [ "$columns" = 0 ] || die "uninstall left $columns of the add-on's columns"
    indexes=$(psql -d "$db" -Atqc "select count(*) from pg_indexes where indexname like '%account\_mgmt%'")
    [ "$indexes" = 0 ] || die "uninstall left $indexes of the add-on's indexes"
    triggers=$(psql -d "$db" -Atqc "select count(*) from pg_trigger where tgname like 'account\_mgmt\_%'")
    [ "$triggers" = 0 ] || die "uninstall left $triggers of the add-on's triggers"
    functions=$(psql -d "$db" -Atqc "select count(*) from pg_proc where proname like 'account\_mgmt\_%'")
    [ "$functions" = 0 ] || die "uninstall left $functions of the add-on's functions"
    after=$(mktemp)
    # Compare only the records that existed before the add-on was installed.
    where_for() { grep "^max $1 " "$file" | awk '{print $3}'; }
    for entry in "${TABLES[@]}"; do
        table="${entry%%:*}" cols="${entry#*:}"
        psql -d "$db" -AtqF ' ' -c "select '$table', count(*), md5(coalesce(string_agg(row($cols)::text, '|' order by id), ''))
              from $table where id <= $(where_for "$table")" >>"$after"
    done
    if ! diff <(grep -v '^max ' "$file") "$after"; then
        die "core records changed across install + uninstall of $MODULE (table, count, fingerprint above)"
    fi
    log "uninstall check: $(grep -v '^max ' "$file" | awk '{printf "%s %s, ", $1, $2}')all intact"
    rm -f "$after"
    ;;
*) die "usage: $0 snapshot|verify DB FILE" ;;
esac
