#!/usr/bin/env bash
# `make test`, the README's test command:
#   1. lint (ruff, pylint-odoo OCA mandatory checks);
#   2. a fresh throwaway database with Odoo's account, sale_management and crm (demo data);
#   3. install the add-on with demo data, failing on any WARNING/ERROR the add-on logs;
#   4. uninstall it and check the core records it found are intact, then reinstall it;
#   5. the whole suite with pytest-odoo (pytest's summary line ends the run).
# Under CI (CI=true), the suite also runs with the clock moved to the dates of CI_DATES
# (scripts/test_dates.sh) before today's run.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/test_tiers_config.py -k lock
# QUICK=1 skips step 4; KEEP_DB=1 keeps the database.
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"

# Bash reads a script as it runs it: the body is one function, read whole before it
# starts, so editing this file during a run can't change the run.
main() {
    "$PROJECT_ROOT/scripts/setup.sh"
    load_pg_env
    cd "$PROJECT_ROOT"

    if [ "${SKIP_LINT:-0}" != 1 ]; then
        "$PROJECT_ROOT/scripts/lint.sh"
    fi

    dates_rc=0
    if [ "${CI:-}" = true ] && [ -z "${AMGMT_DATES_RUN:-}" ]; then
        AMGMT_DATES_RUN=1 DATES="${CI_DATES:-2027-01-01T00:30:00 2027-03-31T23:30:00 2027-10-31T02:30:00@Europe/Brussels}" \
            "$PROJECT_ROOT/scripts/test_dates.sh" "$@" || dates_rc=1
        log "today's run ($(date -u '+%Y-%m-%d %H:%M UTC'))"
    fi

    TEST_DB="${TEST_DB:-amgmt_test_$$}"
    # The test server listens on a free port of its own: `make run`, another checkout's
    # tests or a second run may hold the configured one.
    test_port="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    test_conf="$LOCAL_DIR/odoo-test-$$.conf"
    sed "s/^http_port = .*/http_port = $test_port/" "$ODOO_CONF" >"$test_conf"
    ODOO_CONF="$test_conf"
    cleanup() {
        rm -f "$test_conf"
        if [ "${KEEP_DB:-0}" != 1 ]; then
            dropdb --if-exists "$TEST_DB" >/dev/null 2>&1 || true
            rm -rf "$LOCAL_DIR/data/filestore/$TEST_DB"
        fi
    }
    trap cleanup EXIT

    # Install modules into TEST_DB; fail on errors, and on warnings coming from the add-on.
    install() {
        local modules="$1" what="$2" logfile="$LOCAL_DIR/$2-$TEST_DB.log" start
        start=$(date +%s)
        odoo_cli -c "$ODOO_CONF" -d "$TEST_DB" -i "$modules" --stop-after-init --log-level=info \
            >"$logfile" 2>&1 || { tail -40 "$logfile"; die "$what failed (log: $logfile)"; }
        if grep -E ' (WARNING|ERROR|CRITICAL) ' "$logfile" | grep -E "$MODULE"; then
            die "$what logged the warnings or errors above (log: $logfile)"
        fi
        if grep -qE ' (ERROR|CRITICAL) ' "$logfile"; then
            grep -E ' (ERROR|CRITICAL) ' "$logfile" | head -20
            die "$what logged errors (log: $logfile)"
        fi
        log "$what: $(($(date +%s) - start)) s"
    }

    dropdb --if-exists "$TEST_DB" >/dev/null 2>&1 || true
    install "account,sale_management,crm,contacts" "core-install"
    snapshot="$LOCAL_DIR/core-snapshot-$TEST_DB.txt"
    "$PROJECT_ROOT/scripts/uninstall_check.sh" snapshot "$TEST_DB" "$snapshot"
    install "$MODULE" "addon-install"
    if [ "${QUICK:-0}" != 1 ]; then
        "$PROJECT_ROOT/scripts/uninstall_check.sh" verify "$TEST_DB" "$snapshot"
        install "$MODULE" "addon-reinstall"
    fi
    rm -f "$snapshot"

    set +e
    AMGMT_FAIL_ON_SKIP=1 "$PYTHON" -m pytest -p no:cacheprovider --odoo-config="$ODOO_CONF" --odoo-database="$TEST_DB" \
        --odoo-http --odoo-log-level=warn "${@:-tests}"
    rc=$?
    set -e
    # pytest exits 5 when it collected nothing: that is a failure here, never a green run.
    [ $rc = 0 ] && [ $dates_rc != 0 ] && log "the suite failed on a moved date (see above)" && rc=1
    exit $rc
}

main "$@"
