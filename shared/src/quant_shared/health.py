"""``/health``: liveness of the process and reachability of its database."""

import time

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from quant_shared.database import ping
from quant_shared.enums import HealthStatus

SYSTEM_TAG = {"name": "System", "description": "Health of the platform and long-running tasks."}


class ComponentHealth(BaseModel):
    status: HealthStatus
    latency_ms: float | None = None
    detail: str | None = None


class HealthOut(BaseModel):
    status: HealthStatus
    service: str
    version: str
    domains: list[str]
    database: ComponentHealth


async def database_health(request: Request) -> ComponentHealth:
    client = getattr(request.app.state, "mongo", None)
    if client is None:
        return ComponentHealth(status=HealthStatus.DOWN, detail="database not initialized")
    started = time.perf_counter()
    try:
        await ping(client)
    except Exception as exc:  # any driver error means the database is not usable
        return ComponentHealth(status=HealthStatus.DOWN, detail=type(exc).__name__)
    return ComponentHealth(
        status=HealthStatus.OK, latency_ms=round((time.perf_counter() - started) * 1000, 2)
    )


def health_router(service: str, version: str, domains: list[str]) -> APIRouter:
    router = APIRouter(tags=["System"])

    @router.get(
        "/health",
        response_model=HealthOut,
        summary="Service and database health",
        responses={503: {"description": "The database is unreachable"}},
    )
    async def health(request: Request, response: Response) -> HealthOut:
        db = await database_health(request)
        status = HealthStatus.OK if db.status == HealthStatus.OK else HealthStatus.DOWN
        if status != HealthStatus.OK:
            response.status_code = 503
        return HealthOut(status=status, service=service, version=version, domains=domains, database=db)

    return router
