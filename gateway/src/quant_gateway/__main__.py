"""``python -m quant_gateway [mode]``: the platform on this machine.

- ``all-in-one`` (default): every domain in this process on the embedded default, port 8500;
- ``services``: every domain as its own process plus the gateway in proxy mode (one FerretDB);
- ``proxy``: the gateway alone in proxy mode (routing table from ``QUANT_GATEWAY_UPSTREAMS(_FILE)``);
- ``routes``: print the routing table for ``--url domain=http://host:port`` services.

SIGTERM and SIGINT (Ctrl-C) stop every server the command started (FerretDB, services) before it exits.
"""

import argparse
import logging
import os
import sys
import time

from quant_gateway.lifecycle import (
    collect_garbage_later,
    collect_garbage_now,
    keep_bytecode,
    stop_on_signals,
    warm_routes,
)
from quant_shared.embedded.processes import PortInUseError

log = logging.getLogger("quant.gateway")


def run_all_in_one(host: str, port: int, began: float) -> None:
    """FerretDB boots while the domains are imported and composed; then the app serves."""
    import uvicorn

    from quant_gateway.embedded import EmbeddedDatabase
    from quant_shared.settings import get_settings

    class Server(uvicorn.Server):
        async def startup(self, sockets=None) -> None:
            await super().startup(sockets)  # the lifespan's startup, then listening
            if self.started:
                ready = time.monotonic() - began
                url = f"http://{host}:{port}"
                log.info(
                    "Quant Platform on %s (console %s/console, API docs %s/docs), ready in %.1f s",
                    url,
                    url,
                    url,
                    ready,
                )

    with EmbeddedDatabase(get_settings()) as db:
        from quant_gateway.app import create_app

        app = create_app(db.settings)
        warm_routes(app)  # FerretDB boots meanwhile
        collect_garbage_now()
        db.wait_ready()
        Server(uvicorn.Config(app, host=host, port=port, log_level="warning")).run()


def main(argv: list[str] | None = None) -> None:
    began = time.monotonic()
    collect_garbage_later()
    keep_bytecode()  # before the heavy imports
    parser = argparse.ArgumentParser(
        prog="quant-gateway", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "mode", nargs="?", default="all-in-one", choices=["all-in-one", "services", "proxy", "routes"]
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8500)
    parser.add_argument("--port-base", type=int, default=None, help="services: first service port")
    parser.add_argument(
        "--url", action="append", default=[], metavar="DOMAIN=URL", help="routes: a service URL"
    )
    args = parser.parse_args(argv)
    # served for use (not a test's app): the first backtest does not wait for the engine's code to load
    os.environ.setdefault("QUANT_WARM_ON_START", "true")
    with stop_on_signals():
        try:
            run(args, began)
        except PortInUseError as exc:  # a clear message, not a traceback
            sys.exit(f"quant-gateway: {exc}")


def run(args: argparse.Namespace, began: float) -> None:
    if args.mode == "all-in-one":
        run_all_in_one(args.host, args.port, began)
        return
    collect_garbage_now()
    from quant_gateway.cluster import commands

    if args.mode == "services":
        commands.run_services(args.host, args.port, args.port_base)
    elif args.mode == "proxy":
        commands.run_proxy(args.host, args.port)
    else:
        commands.print_routes(dict(item.split("=", 1) for item in args.url))


if __name__ == "__main__":
    main()
