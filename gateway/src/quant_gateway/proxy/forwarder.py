"""The proxy's hot path: one request forwarded to its upstream, bodies streamed both ways."""

import asyncio
import logging

from quant_gateway.proxy.asgi_problem import send_problem
from quant_gateway.proxy.body import BodyReader, BodyTooLarge, ClientGone, declared_length
from quant_gateway.proxy.config import ProxySettings
from quant_gateway.proxy.headers import client_response_headers, upstream_request_headers
from quant_gateway.proxy.http1_errors import UpstreamConnectError, UpstreamDisconnected, UpstreamTimeout
from quant_gateway.proxy.http1_pool import Http1Pool, Http1Response
from quant_gateway.proxy.upstream import Upstream

log = logging.getLogger("quant.gateway.proxy")
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
# A connection that failed or closed before a complete answer: the upstream may or may not have seen
# the request, so only idempotent methods are retried.
RETRYABLE = (UpstreamConnectError, UpstreamDisconnected)
SMALL_BODY = 256 * 1024


class Forwarder:
    def __init__(self, settings: ProxySettings) -> None:
        self.settings = settings
        self.pool: Http1Pool | None = None

    async def __call__(self, scope, receive, send, upstream: Upstream, request_id: str) -> None:
        path = scope["path"]
        if not upstream.breaker.allow():
            detail = f"The {upstream.name} service is failing; requests are paused (circuit open)"
            await send_problem(
                send, 503, detail, path=path, request_id=request_id,
                retry_after=upstream.breaker.retry_after(), upstream=upstream.name,
            )  # fmt: skip
            return
        method = scope["method"]
        limit = self.settings.max_body_bytes
        length = declared_length(scope)
        if length is not None and length > limit:
            upstream.breaker.release()
            await send_problem(send, 413, f"The body exceeds {limit} bytes", path=path, request_id=request_id)
            return
        reader = BodyReader(receive, limit)
        try:
            resp = await self._send(scope, method, upstream, reader, request_id)
        except ClientGone:
            upstream.breaker.release()
            return
        except BodyTooLarge:
            upstream.breaker.release()
            await send_problem(send, 413, f"The body exceeds {limit} bytes", path=path, request_id=request_id)
            return
        except UpstreamTimeout:
            upstream.breaker.failure()
            await self._fail(
                send, 504, f"The {upstream.name} service did not answer in time", path, request_id, upstream
            )
            return
        except UpstreamConnectError:
            upstream.breaker.failure()
            await self._fail(
                send, 503, f"The {upstream.name} service is unreachable", path, request_id, upstream
            )
            return
        except UpstreamDisconnected as exc:
            upstream.breaker.failure()
            detail = f"The {upstream.name} service failed to answer ({type(exc).__name__})"
            await self._fail(send, 502, detail, path, request_id, upstream)
            return
        except BaseException:  # cancelled or unexpected: no verdict on the upstream, free a probe slot
            upstream.breaker.release()
            raise
        upstream.breaker.success()
        try:
            await self._relay(resp, method, send, request_id)
        finally:
            resp.release()

    async def _send(self, scope, method: str, upstream: Upstream, reader: BodyReader, request_id: str):
        headers = upstream_request_headers(scope, request_id)
        target = scope.get("raw_path") or scope["path"].encode()
        if scope.get("query_string"):
            target += b"?" + scope["query_string"]
        idempotent = method in IDEMPOTENT
        # Idempotent requests are buffered (bounded by the limit) so they can be replayed.
        body = (await reader.read_all()) if idempotent else reader.stream(scope)
        attempts = self.settings.retries + 1 if idempotent else 1
        for attempt in range(attempts):
            try:
                return await self.pool.request(
                    method, upstream.address, target.decode("latin-1"), headers, body,
                    connect_timeout=upstream.connect_timeout, read_timeout=upstream.read_timeout,
                )  # fmt: skip
            except RETRYABLE:
                if attempt + 1 >= attempts:
                    raise
                await asyncio.sleep(self.settings.retry_backoff * (2**attempt))
        raise AssertionError("unreachable")

    async def _fail(self, send, status: int, detail: str, path: str, request_id: str, upstream: Upstream):
        log.warning("%s %s -> %d (%s)", upstream.name, path, status, detail)
        retry = upstream.breaker.retry_after() or None
        await send_problem(
            send, status, detail, path=path, request_id=request_id, retry_after=retry, upstream=upstream.name
        )

    async def _relay(self, resp: Http1Response, method: str, send, request_id: str) -> None:
        headers = client_response_headers(resp.headers, request_id.encode("latin-1"))
        length = resp.content_length
        if resp.no_body or (length is not None and length <= SMALL_BODY):
            body = await resp.read()
            await send({"type": "http.response.start", "status": resp.status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await send({"type": "http.response.start", "status": resp.status, "headers": headers})
        async for chunk in resp.iter_chunks():
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b""})
