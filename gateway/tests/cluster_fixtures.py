"""Every domain service as its own uvicorn process, and the gateway in proxy mode in front of them."""

import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from pymongo import MongoClient

from quant_gateway.cluster.routes import upstream_table
from quant_gateway.cluster.runner import LocalServices, default_env
from quant_gateway.discovery import discover_domains
from quant_gateway.proxy.app import create_proxy_app
from quant_gateway.proxy.config import ProxySettings
from quant_shared.embedded import free_port
from quant_shared.settings import Settings
from quant_shared.testing import serve_app

PROXY_POLICIES = {"connect_timeout": 1.0, "read_timeout": 30.0, "retries": 2, "breaker_reset_seconds": 1.0}


@dataclass
class Cluster:
    services: LocalServices
    gateway_url: str
    gateway: object
    settings: Settings

    def direct(self, domain: str) -> str:
        return self.services.services[domain].url


@contextmanager
def running_cluster(mongo_url: str, public_pem: str, tmp_path, **extra_env: str):
    """Start every installed domain as a process (own port, own log) plus the proxy gateway."""
    prefix = f"t{uuid.uuid4().hex[:10]}"
    specs = discover_domains()
    settings = Settings(
        mongodb_url=mongo_url, db_prefix=prefix, jwt_public_key=public_pem, data_dir=tmp_path, _env_file=None
    )
    env = default_env(
        QUANT_MONGODB_URL=mongo_url,
        QUANT_DB_PREFIX=prefix,
        QUANT_DATA_DIR=str(tmp_path),
        QUANT_JWT_PUBLIC_KEY=public_pem,
        QUANT_MARKET_DATA_SEED_DEMO="false",
        QUANT_LOG_LEVEL="WARNING",
        **extra_env,
    )
    services = LocalServices({s.name: free_port() for s in specs}, env, log_dir=tmp_path / "logs")
    services.start_all()
    try:
        proxy = ProxySettings(
            upstreams=upstream_table(specs, services.urls()), _env_file=None, **PROXY_POLICIES
        )
        app = create_proxy_app(settings, proxy)
        with serve_app(app) as url:
            yield Cluster(services, url, app, settings)
    finally:
        services.stop_all()
        with MongoClient(mongo_url, serverSelectionTimeoutMS=5000) as client:
            for name in client.list_database_names():
                if name.startswith(prefix + "_"):
                    client.drop_database(name)


def list_route(document: dict, prefixes: list[str]) -> str | None:
    """A GET path without parameters under one of ``prefixes`` (a cheap read of that domain)."""
    for path, item in sorted(document["paths"].items()):
        if "get" in item and "{" not in path and any(path.startswith(p) for p in prefixes):
            params = item["get"].get("parameters", [])
            if not any(p.get("required") for p in params):
                return path
    return None
