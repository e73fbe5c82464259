"""Where the domains run: in this process (all-in-one) or behind URLs (proxy); their health."""

import asyncio
import time
from collections.abc import Mapping, Sequence

from quant_gateway.proxy.http1_errors import UpstreamError
from quant_gateway.proxy.http1_pool import Http1Pool, get_json
from quant_gateway.system.schemas import ServiceHealth
from quant_shared.domain import DomainSpec
from quant_shared.enums import HealthStatus
from quant_shared.health import ComponentHealth


class InProcessDirectory:
    """All-in-one mode: every domain shares this process and its database connection."""

    mode = "all-in-one"

    def __init__(self, specs: Sequence[DomainSpec]) -> None:
        self.specs = list(specs)

    @property
    def names(self) -> list[str]:
        return [spec.name for spec in self.specs]

    async def probe_all(self, database: ComponentHealth) -> list[ServiceHealth]:
        return [
            ServiceHealth(name=spec.name, status=database.status, version=spec.version, latency_ms=0.0)
            for spec in self.specs
        ]


class RemoteDirectory:
    """Proxy mode: each domain is a service answering ``GET /health`` at its base URL."""

    mode = "proxy"

    def __init__(self, upstreams: Mapping, pool: Http1Pool, timeout: float) -> None:
        self.upstreams = upstreams
        self.pool = pool
        self.timeout = timeout

    @property
    def names(self) -> list[str]:
        return list(self.upstreams)

    async def probe(self, upstream) -> ServiceHealth:
        started = time.perf_counter()
        circuit = upstream.breaker.state
        out = {"name": upstream.name, "url": upstream.base_url, "circuit": circuit}
        try:
            code, body = await get_json(self.pool, upstream.base_url, "/health", self.timeout)
        except UpstreamError as exc:
            return ServiceHealth(status=HealthStatus.DOWN, detail=type(exc).__name__, **out)
        latency = round((time.perf_counter() - started) * 1000, 2)
        ok = code == 200 and isinstance(body, dict) and body.get("status") == HealthStatus.OK
        version = body.get("version") if isinstance(body, dict) else None
        status = HealthStatus.OK if ok else HealthStatus.DOWN
        detail = None if ok else f"/health answered {code}"
        return ServiceHealth(status=status, latency_ms=latency, version=version, detail=detail, **out)

    async def probe_all(self, database: ComponentHealth) -> list[ServiceHealth]:
        return list(await asyncio.gather(*(self.probe(u) for u in self.upstreams.values())))


def overall_status(services: Sequence[ServiceHealth]) -> HealthStatus:
    down = sum(1 for s in services if s.status != HealthStatus.OK)
    if not services or down == 0:
        return HealthStatus.OK
    return HealthStatus.DOWN if down == len(services) else HealthStatus.DEGRADED
