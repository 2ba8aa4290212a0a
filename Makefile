# The two commands of the README are `make run` and `make test`; the rest are helpers.
.PHONY: setup run test test-dates lint format pot bench bench-data load clean screenshots

setup:
	scripts/setup.sh

run:
	scripts/run.sh

test:
	scripts/test.sh $(ARGS)

# The whole suite with the clock of Odoo and of a private PostgreSQL server moved to each
# date of scripts/test_dates.sh (DATES="2027-01-01T00:30:00Z ..." to choose).
test-dates:
	scripts/test_dates.sh $(ARGS)

format:
	scripts/format.sh

lint:
	scripts/lint.sh

# Regenerate account_mgmt_addon/i18n/account_mgmt_addon.pot (POT_DB=<db>, default: make run's).
pot:
	scripts/pot.sh

# Benchmarks (scripts/bench_data.py, bench.py, load_test.py): throwaway databases
# amgmt_bench_<scale>. make bench-data SCALE=medium && make bench SCALE=medium
SCALE ?= small
DB ?= amgmt_bench_$(SCALE)
DURATION ?= 60
CLIENTS ?= 6

bench-data:
	scripts/py.sh scripts/bench_data.py --scale $(SCALE) --db $(DB)

bench:
	scripts/py.sh scripts/bench.py --db $(DB)

load:
	scripts/py.sh scripts/load_test.py --db $(DB) --duration $(DURATION) --clients $(CLIENTS)

# PNGs of the key screens into docs/screenshots/ (scripts/screenshots.py), from a
# database with the add-on installed with demo data (SHOTS_DB, default amgmt_shots).
SHOTS_DB ?= amgmt_shots

screenshots:
	scripts/py.sh scripts/screenshots.py --db $(SHOTS_DB)

clean:
	rm -rf .local/data .local/install-*.log

# Removes the project's virtual environment (set-up builds it again).
clean-venv:
	rm -rf .venv

# A PostgreSQL primary and a hot standby in a temporary directory, Odoo with
# db_replica_host and --workers=4, the read paths driven as account managers and
# finance: who served each request (scripts/replica_check.py).
.PHONY: replica-check
replica-check:
	scripts/py.sh scripts/replica_check.py --db $(DB) --duration $(or $(REPLICA_DURATION),30) --clients $(or $(REPLICA_CLIENTS),4)
