"""The all-in-one gateway app: every domain's router in one process, one lifespan, one OpenAPI."""

from collections.abc import Sequence

from fastapi import FastAPI

from quant_gateway import __version__
from quant_gateway.console import install_console
from quant_gateway.discovery import discover_domains
from quant_gateway.system import install_system_routes
from quant_shared.app_factory import build_app
from quant_shared.domain import DomainSpec
from quant_shared.settings import Settings, get_settings

TITLE = "Quant Platform"
DESCRIPTION = (
    "Quant Platform REST API: trading (backtests, strategies, optimization, signals), market data, "
    "ML platform, generative AI, users, admin and system routes, composed from independent domains."
)


def create_app(settings: Settings | None = None, specs: Sequence[DomainSpec] | None = None) -> FastAPI:
    specs = list(specs) if specs is not None else discover_domains()
    app = build_app(
        title=TITLE,
        version=__version__,
        settings=settings or get_settings(),
        specs=specs,
        description=DESCRIPTION,
    )
    install_system_routes(app, TITLE)
    install_console(app)
    return app
