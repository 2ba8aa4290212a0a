#!/usr/bin/env bash
# `make test-dates`: the whole suite (scripts/test.sh, without lint and uninstall check) once
# per date, with the clock of Odoo, of the browser and of a private PostgreSQL server
# moved to that date by libfaketime (Debian's faketime). The server is a throwaway cluster
# created in the date's time zone, so that the database's CURRENT_DATE and the user's
# "today" may differ, as they do at a customer's.
#   scripts/test_dates.sh [pytest args]
#   DATES="2027-01-01T00:30:00 2027-10-31T02:30:00@Europe/Brussels" scripts/test_dates.sh
# A date is YYYY-MM-DDTHH:MM:SS in UTC, or followed by @Zone for a local time there.
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"

# Bash reads a script as it runs it: the body is one function, read whole before it
# starts, so editing this file during a run can't change the run.
main() {
    "$PROJECT_ROOT/scripts/setup.sh"   # with the real clock: nothing is installed under a fake one

    DEFAULT_DATES=(
        2027-01-01T00:30:00                # new year, just after midnight UTC
        2028-02-29T12:00:00                # leap day
        2027-03-31T23:30:00                # last day of a 31-day month, already April in Brussels
        2027-10-31T02:30:00@Europe/Brussels  # end of summer time, the hour that happens twice
        2027-06-30T22:30:00                # last day of a 30-day month, July 1st in Brussels
    )
    read -r -a dates <<<"${DATES:-${DEFAULT_DATES[*]}}"

    # libfaketime preloaded by hand: the `faketime` wrapper waits for the daemonised server.
    libfaketime="$(ls /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1 2>/dev/null | head -1 || true)"
    [ -n "$libfaketime" ] || die "libfaketime is missing (Debian package faketime)"
    pg_bin() {
        local d
        for d in "$(pg_config --bindir 2>/dev/null)" /usr/lib/postgresql/*/bin; do
            [ -x "$d/initdb" ] && { echo "$d"; return; }
        done
        die "no PostgreSQL server binaries (initdb) found"
    }
    bindir="$(pg_bin)"
    run_as=()
    if [ "$(id -u)" = 0 ]; then run_as=(runuser -u postgres --); fi

    base="$LOCAL_DIR/pgdates"
    export AMGMT_ODOO_CONF="$base/odoo.conf"
    stop_server() {
        "${run_as[@]}" "$bindir/pg_ctl" -D "$base/data" -m immediate stop >/dev/null 2>&1 || true
    }
    trap stop_server EXIT

    results=()
    status=0
    for spec in "${dates[@]}"; do
        when="${spec%@*}" zone=UTC
        [ "$spec" != "$when" ] && zone="${spec#*@}"
        epoch="$(TZ="$zone" date -d "${when/T/ }" +%s)" || die "not a date: $spec"
        offset=$((epoch - $(date +%s)))
        # The same offset for every process, so that the server's and Odoo's clocks agree.
        fake=(env AMGMT_DATES_RUN=1 TZ="$zone" FAKETIME="+${offset}"
            LD_PRELOAD="$libfaketime")
        log "=== $when $zone (clock moved by ${offset} s) ==="
        stop_server
        rm -rf "$base/data" "$base/run"
        mkdir -p "$base/data" "$base/run"
        [ ${#run_as[@]} -eq 0 ] || chown -R postgres "$base"
        "${run_as[@]}" env TZ="$zone" "$bindir/initdb" -D "$base/data" -U "$PG_LOCAL_USER" -A trust \
            -E UTF8 --locale=C.UTF-8 >/dev/null
        "${run_as[@]}" "${fake[@]}" "$bindir/pg_ctl" -D "$base/data" -l "$base/postgresql.log" -w \
            -o "-c listen_addresses='' -k $base/run -c fsync=off -c full_page_writes=off" start >/dev/null
        set +e
        PGHOST="$base/run" PGPORT=5432 PGUSER="$PG_LOCAL_USER" PGDATABASE=postgres AMGMT_PG_CALLER=1 \
            SKIP_LINT=1 QUICK=1 "${fake[@]}" "$PROJECT_ROOT/scripts/test.sh" "$@"
        rc=$?
        set -e
        results+=("$when $zone: $([ $rc = 0 ] && echo passed || echo "FAILED (exit $rc)")")
        [ $rc = 0 ] || status=1
    done
    stop_server
    log "dates:"
    for r in "${results[@]}"; do log "  $r"; done
    exit $status
}

main "$@"
