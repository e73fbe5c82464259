"""The gateway's own routes, the same in both modes: aggregated ``/health`` and ``/admin/system``."""

from fastapi import FastAPI
from fastapi.routing import APIRoute

from quant_gateway.system.admin_router import ADMIN_SYSTEM_TAG
from quant_gateway.system.admin_router import router as admin_system_router
from quant_gateway.system.health_router import gateway_health_router


def _is_service_health(route) -> bool:
    """The app factory's ``/health`` route (FastAPI may keep an included router as one entry)."""
    if isinstance(route, APIRoute):
        return route.path == "/health"
    inner = getattr(route, "original_router", None)
    return inner is not None and [getattr(r, "path", None) for r in inner.routes] == ["/health"]


def install_system_routes(app: FastAPI, title: str) -> None:
    """Replace the per-service ``/health`` with the gateway's and add ``/admin/system``."""
    app.router.routes[:] = [r for r in app.router.routes if not _is_service_health(r)]
    app.include_router(gateway_health_router(title))
    app.include_router(admin_system_router)
    app.openapi_tags = [*(app.openapi_tags or []), ADMIN_SYSTEM_TAG]


__all__ = ["ADMIN_SYSTEM_TAG", "install_system_routes"]
