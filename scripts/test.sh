#!/usr/bin/env bash
# `make test`: lint, install the add-on with demo data into a fresh throwaway database (failing on
# any WARNING or ERROR the add-on logs), then run the whole suite with pytest-odoo.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/test_tiers.py -k locked
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"
"$PROJECT_ROOT/scripts/setup.sh"
. "$LOCAL_DIR/pg.env" 2>/dev/null || true
cd "$PROJECT_ROOT"

if [ "${SKIP_LINT:-0}" != 1 ]; then
    "$PROJECT_ROOT/scripts/lint.sh"
fi

TEST_DB="${TEST_DB:-amgmt_test_$$}"
install_log="$LOCAL_DIR/install-$TEST_DB.log"
cleanup() {
    if [ "${KEEP_DB:-0}" != 1 ]; then
        dropdb --if-exists "$TEST_DB" >/dev/null 2>&1 || true
        rm -rf "$LOCAL_DIR/data/filestore/$TEST_DB"
    fi
}
trap cleanup EXIT

if [ "${REUSE_DB:-0}" = 1 ] && psql -d postgres -Atqc "select 1 from pg_database where datname='$TEST_DB'" | grep -q 1; then
    log "re-using $TEST_DB: upgrading $MODULE"
    odoo_cli -c "$ODOO_CONF" -d "$TEST_DB" -u "$MODULE" --stop-after-init --log-level=info \
        >"$install_log" 2>&1 || { tail -40 "$install_log"; die "upgrade failed"; }
else
    dropdb --if-exists "$TEST_DB" >/dev/null 2>&1 || true
    log "installing $MODULE with its dependencies and demo data into $TEST_DB"
    start=$(date +%s)
    odoo_cli -c "$ODOO_CONF" -d "$TEST_DB" -i "$MODULE" --stop-after-init --log-level=info \
        >"$install_log" 2>&1 || { tail -40 "$install_log"; die "installing $MODULE failed"; }
    log "installed in $(($(date +%s) - start)) s"
fi
# Any WARNING or ERROR logged by the add-on (or about one of its files) fails the run.
if grep -E ' (WARNING|ERROR|CRITICAL) ' "$install_log" | grep -E "$MODULE"; then
    die "installing $MODULE logged the warnings or errors above"
fi

set +e
"$PYTHON" -m pytest -p no:cacheprovider --odoo-config="$ODOO_CONF" --odoo-database="$TEST_DB" \
    --odoo-http --odoo-log-level=warn tests "$@"
rc=$?
set -e
# pytest's exit 5 (nothing collected) is a failure here: a suite that runs nothing is not green.
exit $rc
