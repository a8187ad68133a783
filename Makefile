# One command mirrors CI: `make test` runs every test in every language,
# installing what it needs (pip into a virtual environment, npm packages,
# Maven artifacts) from the package registries.

CARGO ?= cargo

.PHONY: test lint test-rust test-node test-python test-mobile dist docs check-workflows bench bench-postgres

# Every suite runs against a throwaway PostgreSQL server as well
# (scripts/with-postgres starts it, or uses HELPDESK_TEST_POSTGRES_URL);
# HELPDESK_REQUIRE_POSTGRES makes a missing server a failure, not a skip.
test: lint
	HELPDESK_REQUIRE_POSTGRES=1 scripts/with-postgres $(MAKE) test-rust test-node test-python test-mobile

# Formatting and lints over every crate that has landed.
CRATES := -p helpdesk -p helpdesk-examples -p helpdesk-node -p helpdesk-python -p helpdesk-mobile

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy $(CRATES) --all-targets --features helpdesk/postgres -- -D warnings

# Core: unit, integration, property, conformance and golden tests, doc tests,
# and the quickstart run end to end.
test-rust:
	$(CARGO) test -p helpdesk -p helpdesk-examples --features helpdesk/postgres
	$(CARGO) run -q --example quickstart > /dev/null

test-node:
	$(MAKE) -C bindings-node test

test-python:
	$(MAKE) -C bindings-python test

test-mobile:
	$(MAKE) -C bindings-mobile test

# The packages this machine can build, checked and installed as a user
# would (not part of `make test`): the core crate as crates.io would take
# it, the Python wheels and sdist, and a wheel built from the sdist alone
# (bindings-python/README.md), the npm packages (bindings-node/README.md),
# and the JVM jar with its native libraries for Linux x86-64 and aarch64
# (bindings-mobile/README.md).
dist: check-workflows
	$(CARGO) publish --dry-run -p helpdesk
	$(MAKE) -C bindings-python dist
	$(MAKE) -C bindings-node dist
	$(MAKE) -C bindings-mobile dist

# The API reference, HTML, into target/docs: rustdoc for the core crate,
# pdoc for the Python package, typedoc for the npm package's types.
docs:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc -p helpdesk --no-deps --features postgres
	rm -rf target/docs/rust && mkdir -p target/docs && cp -r target/doc target/docs/rust
	$(MAKE) -C bindings-python docs
	$(MAKE) -C bindings-node docs
	@echo "API reference: target/docs/{rust/helpdesk/index.html,python/helpdesk.html,node/index.html}"

# The workflows that build what this machine cannot (.github/workflows: macOS,
# Windows, Android, iOS), checked by actionlint, installed from the Go module
# proxy into target/tools.
ACTIONLINT := target/tools/actionlint
$(ACTIONLINT):
	GOBIN=$(abspath target/tools) go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.7

check-workflows: $(ACTIONLINT)
	$(ACTIONLINT) .github/workflows/*.yml

# Criterion benchmarks (figures in the README); not part of `make test`.
bench:
	$(CARGO) bench -p helpdesk

# The PostgreSQL benchmarks (README, "PostgreSQL"), on a throwaway server:
# the scale sweep, then creations from 1, 2 and 4 processes beside pgbench.
bench-postgres:
	SCALE_STORE=postgres scripts/with-postgres $(CARGO) bench -p helpdesk --features postgres --bench scale
	scripts/with-postgres $(CARGO) bench -p helpdesk --features postgres --bench postgres_throughput
