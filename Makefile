# verity — the two commands a newcomer needs are `make demo` and `make test`.
# Everything here installs what it needs (Rust components, Python venv, npm
# dev dependencies) so it works on a fresh machine.

CARGO ?= cargo
VERITY := target/release/verity
EXAMPLES := examples/data

.PHONY: demo test test-rust test-python test-node lint bench bench-rust bench-python bench-node clean

## demo: build the CLI and run the main jobs on the bundled example data
demo:
	$(CARGO) build --release -q -p verity-cli
	@bash examples/demo.sh $(VERITY) $(EXAMPLES)

## test: every test suite (Rust, Python, Node), installing its own tools
test: test-rust test-python test-node

lint:
	rustup component add rustfmt clippy >/dev/null 2>&1 || true
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

test-rust: lint
	$(CARGO) test --workspace --exclude verity-benches
	$(CARGO) build --release -q -p verity-cli

test-python:
	@if [ -x bindings-python/scripts/test.sh ]; then bindings-python/scripts/test.sh; else echo "python bindings: not present yet"; fi

test-node:
	@if [ -x bindings-node/scripts/test.sh ]; then bindings-node/scripts/test.sh; else echo "node bindings: not present yet"; fi

## bench: criterion benches and the cross-language comparisons (slow; not part of test)
bench: bench-rust bench-python bench-node

bench-rust:
	$(CARGO) bench -p verity-benches

bench-python:
	@if [ -x benches/python/run.sh ]; then benches/python/run.sh; else echo "python benches: not present yet"; fi

bench-node:
	@if [ -x benches/node/run.sh ]; then benches/node/run.sh; else echo "node benches: not present yet"; fi

clean:
	$(CARGO) clean
