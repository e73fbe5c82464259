"""``python -m quant_gateway [mode]``: the platform on this machine.

- ``all-in-one`` (default): every domain in this process on the embedded default, port 8500;
- ``services``: every domain as its own process plus the gateway in proxy mode (one FerretDB);
- ``proxy``: the gateway alone in proxy mode (routing table from ``QUANT_GATEWAY_UPSTREAMS(_FILE)``);
- ``routes``: print the routing table for ``--url domain=http://host:port`` services.
"""

import argparse

import uvicorn

from quant_gateway.app import create_app
from quant_gateway.embedded import embedded_settings
from quant_shared.settings import get_settings


def main(argv: list[str] | None = None) -> None:
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
    if args.mode == "all-in-one":
        with embedded_settings(get_settings()) as settings:
            uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning")
        return
    from quant_gateway.cluster import commands

    if args.mode == "services":
        commands.run_services(args.host, args.port, args.port_base)
    elif args.mode == "proxy":
        commands.run_proxy(args.host, args.port)
    else:
        commands.print_routes(dict(item.split("=", 1) for item in args.url))


if __name__ == "__main__":
    main()
