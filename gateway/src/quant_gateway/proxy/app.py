"""Proxy mode: the gateway forwards by path prefix to independently running domain services."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse

from quant_gateway import __version__
from quant_gateway.app import DESCRIPTION, TITLE
from quant_gateway.console import install_console
from quant_gateway.openapi.cache import OpenApiCache
from quant_gateway.proxy.config import ProxySettings
from quant_gateway.proxy.dispatcher import ProxyDispatcher
from quant_gateway.proxy.forwarder import Forwarder
from quant_gateway.proxy.http1_pool import Http1Pool
from quant_gateway.proxy.ratelimit import RateLimiter
from quant_gateway.proxy.routing import RouteTable
from quant_gateway.proxy.upstream import upstreams_from
from quant_gateway.system import install_system_routes
from quant_gateway.system.directory import RemoteDirectory
from quant_shared.app_factory import operation_id
from quant_shared.auth import TokenVerifier
from quant_shared.database import make_client
from quant_shared.docs_pages import install_docs_pages
from quant_shared.errors import install_error_handlers
from quant_shared.health import SYSTEM_TAG
from quant_shared.logging_setup import configure_logging
from quant_shared.middleware import RequestContextMiddleware
from quant_shared.openapi import improve_document
from quant_shared.settings import Settings, get_settings


def _own_document(app: FastAPI) -> dict:
    """The gateway's own routes, with the error responses and examples every domain document has."""
    return improve_document(
        get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
        ),
        app,
    )


def _lifespan(settings: Settings, proxy: ProxySettings, forwarder: Forwarder, upstreams: dict):
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(settings.log_level)
        app.state.settings = settings
        app.state.token_verifier = TokenVerifier(settings)
        app.state.mongo = make_client(settings.mongodb_url) if settings.mongodb_url else None
        pool = forwarder.pool = Http1Pool(
            proxy.pool_size, proxy.pool_idle_seconds
        )  # the one pooled upstream client, shared
        app.state.service_directory = RemoteDirectory(upstreams, pool, proxy.health_timeout)
        app.state.openapi = OpenApiCache(
            lambda: _own_document(app), upstreams, pool, proxy.openapi_ttl_seconds, proxy.openapi_timeout,
            store=settings.data_dir / "openapi",  # each service's last document survives a restart
        )  # fmt: skip
        try:
            yield
        finally:
            pool.close()
            if app.state.mongo is not None:
                await app.state.mongo.close()

    return lifespan


def _docs_routes(app: FastAPI) -> None:
    @app.get("/openapi.json", include_in_schema=False)
    async def openapi(request: Request) -> JSONResponse:
        return JSONResponse(await request.app.state.openapi.get())

    install_docs_pages(app, TITLE)  # /docs and /redoc of the merged document, assets served locally


def create_proxy_app(settings: Settings | None = None, proxy: ProxySettings | None = None) -> ProxyDispatcher:
    """The proxy gateway: an ASGI app routing to the configured upstreams, serving its own routes."""
    settings = settings or get_settings()
    proxy = proxy or ProxySettings()
    upstreams = upstreams_from(proxy)
    if not upstreams:
        raise ValueError("proxy mode needs QUANT_GATEWAY_UPSTREAMS or QUANT_GATEWAY_UPSTREAMS_FILE")
    table = RouteTable.from_upstreams({name: u.prefixes for name, u in upstreams.items()})
    forwarder = Forwarder(proxy)
    local = FastAPI(
        title=TITLE,
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=[SYSTEM_TAG],
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan(settings, proxy, forwarder, upstreams),
        generate_unique_id_function=operation_id,
    )
    install_error_handlers(local)
    local.add_middleware(RequestContextMiddleware)
    install_system_routes(local, TITLE)
    _docs_routes(local)
    install_console(local, proxy.console_dir)
    limiter = RateLimiter(proxy.rate_limit_per_second, proxy.rate_limit_burst)
    return ProxyDispatcher(local, table, upstreams, forwarder, limiter)
