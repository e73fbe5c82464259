"""``python -m quant_gateway``: the platform on the embedded default, port 8500."""

import argparse

import uvicorn

from quant_gateway.app import create_app
from quant_gateway.embedded import embedded_settings
from quant_shared.settings import get_settings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="quant-gateway", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8500)
    args = parser.parse_args(argv)
    with embedded_settings(get_settings()) as settings:
        uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
