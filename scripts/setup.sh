#!/usr/bin/env bash
# Idempotent set-up of everything `make run` and `make test` need:
#   1. the project's virtual environment .venv/ (from PYTHON, default python3; an activated
#      virtual environment that imports Odoo 18.0 is used instead), with Odoo 18.0 in it
#      (from ODOO_SRC, or the source tree of the Odoo python3 imports, or the nightly archive);
#   2. the project's own Python requirements (requirements-dev.txt), in the same environment;
#   3. a PostgreSQL server (the one PG* variables reach, else a private one under .local/);
#   4. Chromium (browser tours) and wkhtmltopdf (PDF reports);
#   5. .local/odoo.conf pointing Odoo at all of the above.
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"

is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
    is_root || die "missing system packages: $* (install them, or run set-up as root)"
    command -v apt-get >/dev/null || die "missing system packages: $* (no apt-get here)"
    if [ ! -f "$LOCAL_DIR/.apt-updated" ]; then
        apt-get update -qq && touch "$LOCAL_DIR/.apt-updated"
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >"$LOCAL_DIR/apt.log" 2>&1 \
        || { tail -20 "$LOCAL_DIR/apt.log" >&2; die "apt-get install $* failed"; }
}

odoo_version_ok() {
    "$PYTHON" -c 'import sys, odoo.release as r; sys.exit(0 if r.version_info[:2] == (18, 0) else 1)' 2>/dev/null
}

# Old source distributions pinned by Odoo's requirements do not build with setuptools >= 70.
pip_constraint() {
    local f="$LOCAL_DIR/pip-constraint.txt"
    echo 'setuptools<70' >"$f"
    echo "$f"
}

pip_install() { PIP_CONSTRAINT="$(pip_constraint)" "$PYTHON" -m pip install -q --disable-pip-version-check "$@"; }

# Where the base interpreter finds Odoo, without importing it (its requirements may be
# missing there): "tree DIR" for a source tree, "package DIR" for an installed package.
base_odoo_location() {
    "$BASE_PYTHON" - <<'PY' 2>/dev/null
import importlib.util, os, re
spec = importlib.util.find_spec("odoo")
if spec and spec.origin:
    root = os.path.dirname(os.path.dirname(spec.origin))
    release = os.path.join(root, "odoo", "release.py")
    text = open(release, encoding="utf-8").read() if os.path.exists(release) else ""
    if re.search(r"^version_info = \(18, 0\b", text, re.M):
        tree = all(os.path.exists(os.path.join(root, f)) for f in ("odoo-bin", "requirements.txt"))
        print("tree" if tree else "package", root)
PY
}

# The project's virtual environment (nothing is installed into the base interpreter).
ensure_venv() {
    [ "$USING_ACTIVE_VENV" = 1 ] && return
    [ -x "$PYTHON" ] && "$PYTHON" -c 'import pip' 2>/dev/null && return
    command -v "$BASE_PYTHON" >/dev/null || die "no $BASE_PYTHON: install Python 3.10-3.12, or set PYTHON"
    local opts=()
    # An Odoo 18.0 installed as a package (not a source tree) in the base interpreter is
    # used as is: the environment sees that interpreter's packages.
    case "$(base_odoo_location)" in package*) opts+=(--system-site-packages) ;; esac
    log "creating the project's virtual environment $VENV_DIR from $BASE_PYTHON ${opts[*]}"
    rm -rf "$VENV_DIR"
    if ! "$BASE_PYTHON" -m venv "${opts[@]}" "$VENV_DIR" >"$LOCAL_DIR/venv.log" 2>&1; then
        rm -rf "$VENV_DIR"
        # Debian and Ubuntu ship venv's pip bootstrap in a package of its own.
        local ver
        ver="$("$BASE_PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
        apt_install "python$ver-venv"
        "$BASE_PYTHON" -m venv "${opts[@]}" "$VENV_DIR" >"$LOCAL_DIR/venv.log" 2>&1 \
            || { cat "$LOCAL_DIR/venv.log" >&2; die "could not create $VENV_DIR"; }
    fi
    "$PYTHON" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
}

install_odoo_tree() {
    local src="$1"
    [ -f "$src/odoo-bin" ] && [ -d "$src/odoo" ] && [ -f "$src/requirements.txt" ] \
        || die "$src is not an Odoo source tree (odoo-bin, odoo/, addons/, requirements.txt)"
    local missing=()
    for pkg in libldap2-dev libsasl2-dev libpq-dev; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    # python-ldap and psycopg2 compile against the interpreter's headers.
    if ! "$PYTHON" -c 'import os, sysconfig, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))'; then
        missing+=("$("$PYTHON" -c 'import sys; print("python%d.%d-dev" % sys.version_info[:2])')")
    fi
    [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}" build-essential
    log "installing Odoo's requirements from $src/requirements.txt into $VENV_BIN"
    pip_install -r "$src/requirements.txt"
    # 'compat' editable mode puts the tree on sys.path: OCA add-ons installed from PyPI share the
    # odoo/addons namespace, which a finder-based editable install would shadow.
    pip_install --no-deps --config-settings editable_mode=compat -e "$src"
}

# Odoo 18.0 in the project's interpreter: already there; else from ODOO_SRC; else from the
# source tree of the Odoo that python3 (or PYTHON) imports; else the nightly source archive.
ensure_odoo() {
    if odoo_version_ok; then
        return
    fi
    local location
    location="$(base_odoo_location)"
    if [ -n "${ODOO_SRC:-}" ]; then
        install_odoo_tree "$ODOO_SRC"
    elif [ "${location%% *}" = tree ]; then
        log "using the Odoo 18.0 source tree that $BASE_PYTHON imports: ${location#* }"
        install_odoo_tree "${location#* }"
    elif [ "${location%% *}" = package ]; then
        die "$BASE_PYTHON imports Odoo 18.0 from ${location#* }, but its requirements are missing there"
    else
        local url="${ODOO_SOURCE_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"
        local dest="$LOCAL_DIR/odoo-src"
        if [ ! -f "$dest/odoo-bin" ]; then
            log "no Odoo 18.0 importable and ODOO_SRC unset: downloading $url"
            mkdir -p "$dest"
            curl -fsSL --max-time 900 "$url" | tar -xz --strip-components=1 -C "$dest" \
                || die "could not download Odoo 18.0; set ODOO_SRC to an Odoo 18.0 source tree"
        fi
        install_odoo_tree "$dest"
    fi
    odoo_version_ok || die "$PYTHON still does not import Odoo 18.0"
}

ensure_requirements() {
    local req="$PROJECT_ROOT/requirements-dev.txt"
    local stamp
    stamp="$VENV_BIN/.amgmt-requirements-$(sha1sum "$req" | cut -c1-12)"
    if [ ! -f "$stamp" ]; then
        log "installing the project's requirements ($req) into $VENV_BIN"
        pip_install -r "$req"
        touch "$stamp"
    fi
}

pg_reachable() { psql -d postgres -Atqc 'select 1' >/dev/null 2>&1; }

pg_bindir() {
    local d
    if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return; }
    done
}

ensure_postgres() {
    command -v psql >/dev/null || apt_install postgresql-client
    # 1. the server the caller's PG* variables name
    if [ "$AMGMT_PG_CALLER" = 1 ]; then
        pg_reachable || die "no PostgreSQL server answers at PGHOST=${PGHOST:-} PGPORT=${PGPORT:-}"
        log "using the PostgreSQL server of the PG* settings"
        return
    fi
    # 2. the default socket, when no private server was started before
    if [ ! -f "$LOCAL_DIR/pg.env" ] && pg_reachable; then
        log "using the PostgreSQL server of the default socket"
        return
    fi
    # 3. the private server of this checkout
    local bindir
    bindir="$(pg_bindir)"
    if [ -z "$bindir" ]; then
        apt_install postgresql postgresql-client
        bindir="$(pg_bindir)"
    fi
    [ -n "$bindir" ] || die "no PostgreSQL server binaries found"
    local run_as=()
    if is_root; then
        # PostgreSQL refuses to run as root: run it as the 'postgres' system user.
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
        run_as=(runuser -u postgres --)
    fi
    mkdir -p "$PG_LOCAL_DATA" "$PG_LOCAL_SOCKET"
    if is_root; then
        chown postgres "$PG_LOCAL_DATA" "$PG_LOCAL_SOCKET"
        chmod 700 "$PG_LOCAL_DATA"
        touch "$PG_LOCAL_LOG" && chown postgres "$PG_LOCAL_LOG"
    fi
    if [ ! -f "$PG_LOCAL_DATA/PG_VERSION" ]; then
        log "creating a private PostgreSQL cluster in $PG_LOCAL_DATA"
        "${run_as[@]}" "$bindir/initdb" -D "$PG_LOCAL_DATA" -U "$PG_LOCAL_USER" -A trust -E UTF8 \
            --locale=C.UTF-8 >/dev/null
    fi
    if ! "${run_as[@]}" "$bindir/pg_ctl" -D "$PG_LOCAL_DATA" status >/dev/null 2>&1; then
        log "starting the private PostgreSQL server (socket in $PG_LOCAL_SOCKET, no TCP port)"
        "${run_as[@]}" "$bindir/pg_ctl" -D "$PG_LOCAL_DATA" -l "$PG_LOCAL_LOG" -w \
            -o "-c listen_addresses='' -k $PG_LOCAL_SOCKET -c fsync=off -c full_page_writes=off" start >/dev/null
    fi
    cat >"$LOCAL_DIR/pg.env" <<ENV
export PGHOST="$PG_LOCAL_SOCKET"
export PGPORT=5432
export PGUSER="$PG_LOCAL_USER"
export PGDATABASE=postgres
ENV
    # shellcheck disable=SC1091
    . "$LOCAL_DIR/pg.env"
    pg_reachable || die "the private PostgreSQL server does not answer (see $PG_LOCAL_LOG)"
}

ensure_browser_and_pdf() {  # and faketime, for make test-dates
    local missing=()
    command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
        || command -v google-chrome >/dev/null || missing+=(chromium)
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    command -v faketime >/dev/null || missing+=(faketime)
    [ ${#missing[@]} -eq 0 ] && return
    if is_root; then
        apt_install "${missing[@]}" fonts-dejavu-core
    else
        log "warning: ${missing[*]} missing (browser tours or PDF reports will fail)"
    fi
}

# prettier with its XML plugin (the OCA template's XML formatter), from the npm registry.
PRETTIER_PACKAGES=(prettier@3.10.1 @prettier/plugin-xml@3.4.2)
ensure_prettier() {
    local dir="$LOCAL_DIR/node" stamp
    stamp="$dir/.installed-$(echo "${PRETTIER_PACKAGES[*]}" | sha1sum | cut -c1-12)"
    [ -f "$stamp" ] && return
    command -v npm >/dev/null || { is_root && apt_install nodejs npm; }
    command -v npm >/dev/null || die "npm is needed for prettier (XML lint)"
    log "installing ${PRETTIER_PACKAGES[*]}"
    mkdir -p "$dir"
    npm install --silent --no-audit --no-fund --no-save --prefix "$dir" "${PRETTIER_PACKAGES[@]}" >/dev/null
    touch "$stamp"
}

write_config() {
    local addons
    addons="$("$PYTHON" - <<'PY'
import os
import odoo
pkg = os.path.dirname(odoo.__file__)
paths = [os.path.join(os.path.dirname(pkg), "addons"), os.path.join(pkg, "addons")]
print(",".join(p for p in paths if os.path.isdir(p)))
PY
)"
    cat >"$ODOO_CONF" <<CONF
[options]
addons_path = $addons,$PROJECT_ROOT
data_dir = $LOCAL_DIR/data
db_host = ${PGHOST:-False}
db_port = ${PGPORT:-False}
db_user = ${PGUSER:-False}
db_password = ${PGPASSWORD:-False}
admin_passwd = admin
http_port = $HTTP_PORT
list_db = True
CONF
}

ensure_venv
ensure_odoo
ensure_requirements
ensure_postgres
ensure_browser_and_pdf
ensure_prettier
write_config
log "set-up complete: Odoo $("$PYTHON" -c 'import odoo.release as r; print(r.version)'), config $ODOO_CONF"
