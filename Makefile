# One command per task; each sets up what it needs first (see README.rst).
SHELL := /bin/bash

.PHONY: setup test test-compat lint demo docs bench bench-e2e stress clean

setup:
	@bash tools/setup.sh

test: setup
	@bash tools/run_tests.sh

test-compat:
	@bash tools/test_compat.sh

lint: setup
	@bash tools/lint.sh

demo: setup
	@bash tools/demo.sh

docs: setup
	@bash tools/docs.sh

bench: setup
	@bash tools/bench.sh

bench-e2e: setup
	@bash tools/bench_e2e.sh

stress:
	@bash tools/stress.sh

clean:
	rm -rf .venv .cache doc/_build bench-results
