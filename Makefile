# Quant Platform: the two commands are `make run` and `make test`; everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
HATCH := $(shell command -v hatch 2>/dev/null || echo $(PYTHON) -m hatch)

.PHONY: run test bootstrap console tools lint services bench clean

## Set up what is missing, then run the platform on the embedded default (http://127.0.0.1:8500).
run: bootstrap console
	$(HATCH) run run

## Set up what is missing, then run the whole test suite with coverage (fails under 80 %).
test: bootstrap
	$(HATCH) run test

## Install hatch + uv when missing, create the workspace environment from uv.lock (and re-sync it when
## the lock changed), build FerretDB and install nats-server (Debian package, for the event-bus and
## worker tests) when missing, and compile the backtest engine into its cache (the first backtest
## does not wait for it).
bootstrap:
	@command -v hatch >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check "hatch>=1.16" uv
	@$(HATCH) run sync
	@$(HATCH) run python -c "from quant_shared.embedded import ensure_binary; ensure_binary()"
	@$(HATCH) run python -m quant_trading.engine.warm
	@command -v nats-server >/dev/null 2>&1 || $(HATCH) run python -c "import sys; \
	from quant_shared.events.nats_server import ensure_binary; \
	sys.exit('nats-server missing: apt-get install -y nats-server' if ensure_binary() is None else 0)"

## Build the web console (packages/console/dist, served at /console) when it is missing or older than
## its sources; without pnpm, say how (the platform runs without it).
CONSOLE_DIST := packages/console/dist/index.html
console:
	@if [ -f $(CONSOLE_DIST) ] && [ -z "$$(find packages/console/src packages/ts-client/src -newer $(CONSOLE_DIST) -print -quit)" ]; then :; \
	elif command -v pnpm >/dev/null 2>&1; then \
	  pnpm --dir packages/console install --frozen-lockfile --silent && pnpm --dir packages/console build >/dev/null && echo "web console built"; \
	else echo "web console not built (needs Node >= 20.19 and pnpm): npm install -g pnpm@10, then make console"; fi

lint: bootstrap
	$(HATCH) run lint

clean:
	rm -rf .data .pytest_cache .coverage .coverage.* htmlcov
