"""Commands of ``python -m quant_gateway``: proxy mode, every service locally, the routing table."""

import json
import logging

import uvicorn

from quant_gateway.cluster.routes import upstream_table
from quant_gateway.cluster.runner import DEFAULT_PORTS, LocalServices, default_env
from quant_gateway.discovery import discover_domains
from quant_gateway.embedded import embedded_settings
from quant_gateway.proxy.app import create_proxy_app
from quant_gateway.proxy.config import ProxySettings
from quant_shared.service_settings import uvicorn_speedups
from quant_shared.settings import Settings, get_settings

log = logging.getLogger("quant.gateway")


def serve_gateway(app, host: str, port: int) -> None:
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, **uvicorn_speedups())


def run_proxy(host: str, port: int) -> None:
    """Proxy mode alone: the routing table comes from QUANT_GATEWAY_UPSTREAMS(_FILE)."""
    serve_gateway(create_proxy_app(get_settings(), ProxySettings()), host, port)


def service_env(settings: Settings) -> dict[str, str]:
    """What every local service shares: the database, the data folder and the token key."""
    env = default_env(
        QUANT_MONGODB_URL=settings.mongodb_url or "",
        QUANT_DB_PREFIX=settings.db_prefix,
        QUANT_DATA_DIR=str(settings.data_dir),
    )
    if settings.jwt_public_key_file and "QUANT_JWT_PUBLIC_KEY" not in env:
        env["QUANT_JWT_PUBLIC_KEY_FILE"] = str(settings.jwt_public_key_file)
    return env


def run_services(host: str, port: int, port_base: int | None = None) -> None:
    """Every installed domain as its own service process plus the gateway in proxy mode (one FerretDB)."""
    specs = discover_domains()
    ports = {
        s.name: (port_base + i if port_base else DEFAULT_PORTS.get(s.name, 8510 + i))
        for i, s in enumerate(specs)
    }
    with embedded_settings(get_settings()) as settings:
        services = LocalServices(ports, service_env(settings), log_dir=settings.data_dir / "logs")
        services.start_all()
        services.supervise()  # a service that dies is started again
        try:
            table = upstream_table(specs, services.urls())
            config = settings.data_dir / "gateway-upstreams.json"
            config.write_text(json.dumps(table, indent=2))
            print(f"services: {', '.join(f'{d} {u}' for d, u in services.urls().items())}")
            print(f"gateway (proxy mode): http://{host}:{port}  routing table: {config}")
            app = create_proxy_app(settings, ProxySettings(upstreams_file=config))
            serve_gateway(app, host, port)
        finally:
            services.stop_all()


def print_routes(urls: dict[str, str]) -> None:
    """Print the routing table for services at ``urls`` (default: localhost and the default ports)."""
    specs = discover_domains()
    urls = urls or {s.name: f"http://127.0.0.1:{DEFAULT_PORTS.get(s.name, 8510)}" for s in specs}
    print(json.dumps(upstream_table(specs, urls), indent=2))
