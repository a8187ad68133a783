# One command mirrors CI: `make test` runs every test in every language,
# installing what it needs (pip into a virtual environment, npm packages,
# Maven artifacts) from the package registries.

CARGO ?= cargo

.PHONY: test lint test-rust test-node test-python test-mobile bench

test: lint test-rust test-node test-python test-mobile

# Formatting and lints over every crate that has landed.
CRATES := -p helpdesk -p helpdesk-examples -p helpdesk-node -p helpdesk-python -p helpdesk-mobile

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy $(CRATES) --all-targets -- -D warnings

# Core: unit, integration, property, conformance and golden tests, doc tests,
# and the quickstart run end to end.
test-rust:
	$(CARGO) test -p helpdesk -p helpdesk-examples
	$(CARGO) run -q --example quickstart > /dev/null

test-node:
	$(MAKE) -C bindings-node test

test-python:
	$(MAKE) -C bindings-python test

test-mobile:
	$(MAKE) -C bindings-mobile test

# Criterion benchmarks (figures in the README); not part of `make test`.
bench:
	$(CARGO) bench -p helpdesk
