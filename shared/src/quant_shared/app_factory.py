"""``create_domain_app``: one call gives a domain its FastAPI app with the platform's conventions."""

import re
from collections.abc import Sequence

from fastapi import Depends, FastAPI
from fastapi.routing import APIRoute

from quant_shared import __version__
from quant_shared.body_limit import PlatformApp
from quant_shared.docs_pages import install_docs_pages
from quant_shared.domain import DomainSpec
from quant_shared.errors import install_error_handlers
from quant_shared.health import SYSTEM_TAG, health_router
from quant_shared.json_guard import refuse_non_finite_json
from quant_shared.lifespan import platform_lifespan
from quant_shared.logging_setup import configure_logging
from quant_shared.middleware import RequestContextMiddleware
from quant_shared.openapi import install_openapi_quality
from quant_shared.openapi.tags import unique_tags
from quant_shared.settings import Settings, get_settings
from quant_shared.tasks import router as tasks_router


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def operation_id(route: APIRoute) -> str:
    """Readable, unique operation ids: ``{tag}-{function}``, e.g. ``backtests-create_backtest``."""
    tag = _slug(str(route.tags[0])) if route.tags else "default"
    return f"{tag}-{route.name}"


def build_app(
    *, title: str, version: str, settings: Settings, specs: Sequence[DomainSpec], description: str = ""
) -> FastAPI:
    """Compose domains into one app with ``include_router`` and a single lifespan.

    The OpenAPI document follows the platform's conventions (``quant_shared.openapi``): every error
    status a route can answer is declared as ``application/problem+json``, with examples.
    """
    configure_logging(settings.log_level)
    tags = unique_tags([SYSTEM_TAG] + [tag for spec in specs for tag in spec.tags])
    app = PlatformApp(
        title=title,
        version=version,
        description=description,
        openapi_tags=tags,
        lifespan=platform_lifespan(settings, specs),
        generate_unique_id_function=operation_id,
        docs_url=None,  # served with local assets by install_docs_pages
        redoc_url=None,
        max_body_size=settings.max_body_bytes,  # declared and streamed bodies; a 413 problem
        dependencies=[Depends(refuse_non_finite_json)],
    )
    install_error_handlers(app)
    install_openapi_quality(app)
    install_docs_pages(app, title)
    app.add_middleware(RequestContextMiddleware)
    app.include_router(health_router(title, version, [spec.name for spec in specs]))
    app.include_router(tasks_router)
    for spec in specs:
        app.include_router(spec.router)
    return app


def create_domain_app(spec: DomainSpec, settings: Settings | None = None) -> FastAPI:
    """The domain deployed alone."""
    return build_app(
        title=f"quant-{spec.name.replace('_', '-')}",
        version=spec.version or __version__,
        settings=settings or get_settings(),
        specs=[spec],
    )
