# The two commands of the README are `make run` and `make test`; the rest are helpers.
.PHONY: setup run test lint format bench bench-data load clean

setup:
	scripts/setup.sh

run:
	scripts/run.sh

test:
	scripts/test.sh $(ARGS)

format:
	scripts/format.sh

lint:
	scripts/lint.sh

clean:
	rm -rf .local/data .local/install-*.log
