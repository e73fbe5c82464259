"""The proxy-mode front door: rate limit, then route by prefix to an upstream or to the local app."""

import json
import logging
import time
import uuid

from quant_gateway.proxy.asgi_problem import send_problem
from quant_gateway.proxy.forwarder import Forwarder
from quant_gateway.proxy.ratelimit import RateLimiter
from quant_gateway.proxy.routing import RouteTable
from quant_gateway.proxy.upstream import Upstream

access_log = logging.getLogger("quant.access")


def request_id_of(scope) -> str:
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            rid = value.decode("latin-1")
            if 0 < len(rid) <= 128 and rid.isascii() and rid.isprintable():
                return rid
            break
    return uuid.uuid4().hex


class ProxyDispatcher:
    """Pure ASGI: proxied prefixes go to the forwarder, everything else (``/health``, ``/docs``,
    ``/openapi.json``, ``/admin/system``) and the lifespan go to the gateway's own FastAPI app."""

    def __init__(
        self,
        local_app,
        table: RouteTable,
        upstreams: dict[str, Upstream],
        forwarder: Forwarder,
        limiter: RateLimiter,
    ) -> None:
        self.local_app = local_app
        self.table = table
        self.upstreams = upstreams
        self.forwarder = forwarder
        self.limiter = limiter

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.local_app(scope, receive, send)
            return
        if self.limiter.enabled:
            client = scope.get("client")
            wait = self.limiter.acquire(client[0] if client else "-")
            if wait:
                await send_problem(
                    send, 429, "Too many requests from this client", path=scope["path"],
                    request_id=request_id_of(scope), retry_after=wait,
                )  # fmt: skip
                return
        name = self.table.match(scope["path"])
        if name is None:
            await self.local_app(scope, receive, send)
            return
        rid = request_id_of(scope)
        if not access_log.isEnabledFor(logging.INFO):
            await self.forwarder(scope, receive, send, self.upstreams[name], rid)
            return
        await self._logged(scope, receive, send, name, rid)

    async def _logged(self, scope, receive, send, name: str, rid: str) -> None:
        started, status = time.perf_counter(), 500

        async def send_logged(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.forwarder(scope, receive, send_logged, self.upstreams[name], rid)
        finally:
            line = {
                "request_id": rid,
                "method": scope["method"],
                "path": scope["path"],
                "status": status,
                "upstream": name,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            }
            access_log.info(json.dumps(line))
