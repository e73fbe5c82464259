"""Running one domain as its own service: listen address, uvicorn options and a health check.

Every ``services/<domain>/main.py`` is two lines calling :func:`main`; the domain's own settings
(database, keys, service URLs) stay in :class:`quant_shared.settings.Settings` (prefix ``QUANT_``).
"""

import argparse
import sys
import urllib.error
import urllib.request

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """How a service process listens (prefix ``QUANT_SERVICE_``)."""

    model_config = SettingsConfigDict(env_prefix="QUANT_SERVICE_", env_file=".env", extra="ignore")

    host: str = Field(default="0.0.0.0", description="Interface to listen on.")
    port: int | None = Field(default=None, description="Port to listen on (the domain's default when unset).")
    workers: int = Field(default=1, ge=1, description="uvicorn worker processes.")
    keep_alive_seconds: int = Field(default=30, ge=1, description="Idle keep-alive of client connections.")
    access_log: bool = Field(default=False, description="uvicorn's own access log (the platform logs JSON).")


def uvicorn_speedups() -> dict[str, str]:
    """uvloop and httptools when installed (``uvicorn[standard]``), the pure-Python fallbacks otherwise."""
    options = {}
    for module, key, value in (("uvloop", "loop", "uvloop"), ("httptools", "http", "httptools")):
        try:
            __import__(module)
        except ImportError:
            continue
        options[key] = value
    return options


def serve(app_factory: str, default_port: int, settings: ServiceSettings | None = None) -> None:
    """Serve ``module:create_app`` (called without arguments: settings come from the environment)."""
    import uvicorn

    settings = settings or ServiceSettings()
    uvicorn.run(
        app_factory,
        factory=True,
        host=settings.host,
        port=settings.port or default_port,
        workers=settings.workers,
        timeout_keep_alive=settings.keep_alive_seconds,
        access_log=settings.access_log,
        log_level="warning",
        **uvicorn_speedups(),
    )


def check_health(url: str, timeout: float = 3.0) -> bool:
    """True when ``GET url`` answers 200 (the container and orchestrator health check)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 - local URL
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


def main(app_factory: str, default_port: int, argv: list[str] | None = None) -> None:
    """Entry point of a service: ``main.py`` serves; ``main.py healthcheck`` exits 0 when healthy."""
    parser = argparse.ArgumentParser(description=f"Serve {app_factory}")
    parser.add_argument("command", nargs="?", choices=["serve", "healthcheck"], default="serve")
    args = parser.parse_args(argv)
    settings = ServiceSettings()
    if args.command == "healthcheck":
        port = settings.port or default_port
        sys.exit(0 if check_health(f"http://127.0.0.1:{port}/health") else 1)
    serve(app_factory, default_port, settings)
