"""``/health`` of the gateway: its database and every domain service with status and latency."""

from fastapi import APIRouter, Request, Response

from quant_gateway import __version__
from quant_gateway.system.context import directory_of
from quant_gateway.system.directory import overall_status
from quant_gateway.system.schemas import GatewayHealthOut
from quant_shared.enums import HealthStatus
from quant_shared.health import database_health


def gateway_health_router(title: str) -> APIRouter:
    router = APIRouter(tags=["System"])

    @router.get(
        "/health",
        response_model=GatewayHealthOut,
        summary="Health of the gateway, its database and every domain service",
        responses={503: {"description": "No domain service is usable"}},
    )
    async def health(request: Request, response: Response) -> GatewayHealthOut:
        directory = directory_of(request.app)
        database = await database_health(request)
        services = await directory.probe_all(database)
        status = overall_status(services)
        if database.status != HealthStatus.OK and status == HealthStatus.OK:
            status = HealthStatus.DEGRADED
        if status == HealthStatus.DOWN:
            response.status_code = 503
        return GatewayHealthOut(
            status=status,
            service=title,
            version=__version__,
            mode=directory.mode,
            domains=directory.names,
            database=database,
            services=services,
        )

    return router
