# The two commands of the README are `make run` and `make test`; the rest are helpers.
.PHONY: setup run test lint bench bench-data clean

setup:
	scripts/setup.sh

run:
	scripts/run.sh

test:
	scripts/test.sh $(ARGS)

lint:
	scripts/lint.sh

clean:
	rm -rf .local/data .local/install-*.log
