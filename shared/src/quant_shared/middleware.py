"""Pure-ASGI middleware: request id propagation and structured access logging."""

import json
import logging
import time
import uuid

from quant_shared.requestctx import request_id_var

access_log = logging.getLogger("quant.access")
_HEADER = b"x-request-id"


def _valid(rid: str) -> bool:
    return 0 < len(rid) <= 128 and rid.isascii() and rid.isprintable()


class RequestContextMiddleware:
    """Accepts ``X-Request-ID`` (or creates one), echoes it, and logs one JSON line per request."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = ""
        for name, value in scope.get("headers", ()):
            if name == _HEADER:
                rid = value.decode("latin-1")
                break
        if not _valid(rid):
            rid = uuid.uuid4().hex
        token = request_id_var.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (_HEADER, rid.encode("latin-1"))]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if access_log.isEnabledFor(logging.INFO):
                access_log.info(
                    json.dumps(
                        {
                            "request_id": rid,
                            "method": scope.get("method"),
                            "path": scope.get("path"),
                            "status": status,
                            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                        }
                    )
                )
            request_id_var.reset(token)
