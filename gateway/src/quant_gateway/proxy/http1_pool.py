"""A small pooled HTTP/1.1 client on asyncio + httptools: the proxy's one upstream transport.

General clients (httpx, aiohttp) spend most of a proxied request in their own bookkeeping; this one
writes the request head in one call, parses the answer with httptools (the parser uvicorn uses)
and keeps connections alive per upstream. Bodies stream both ways with back-pressure.
"""

import asyncio
import collections
import json
from urllib.parse import urlsplit

from quant_gateway.proxy.http1_connection import Http1Connection, bounded, stream_body
from quant_gateway.proxy.http1_errors import UpstreamConnectError, UpstreamDisconnected, UpstreamTimeout


class Http1Response:
    def __init__(
        self, conn: Http1Connection, pool: "Http1Pool", key, method: str, read_timeout: float
    ) -> None:
        self.conn, self.pool, self.key = conn, pool, key
        self.status, self.headers = conn.status, conn.headers
        self.read_timeout = read_timeout
        self.no_body = method == "HEAD" or conn.status in (204, 304) or 100 <= conn.status < 200

    @property
    def content_length(self) -> int | None:
        for name, value in self.headers:
            if name.lower() == b"content-length":
                return int(value)
        return None

    async def iter_chunks(self):
        if self.no_body:
            return
        while (chunk := await self.conn.next_chunk(self.read_timeout)) is not None:
            yield chunk

    async def read(self) -> bytes:
        return b"".join([chunk async for chunk in self.iter_chunks()])

    def release(self) -> None:
        """Back to the pool when the answer was read whole and the connection may be kept."""
        conn = self.conn
        if conn.complete and conn.keep_alive and not conn.closed and not conn.chunks:
            conn.in_flight = False
            conn.idle_since = conn.loop.time()
            conn.reset()
            self.pool.idle[self.key].append(conn)
        elif not conn.closed:
            conn.transport.close()


class Http1Pool:
    """Keep-alive connections per (host, port); ``request`` sends one request and returns its head."""

    def __init__(self, max_idle_per_host: int = 64, idle_seconds: float = 15.0) -> None:
        self.idle_seconds = idle_seconds  # below the services' keep-alive, so they never close first
        self.idle: dict[tuple[str, int], collections.deque] = collections.defaultdict(
            lambda: collections.deque(maxlen=max_idle_per_host)
        )

    async def _connect(self, key, timeout: float) -> Http1Connection:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                _, conn = await loop.create_connection(lambda: Http1Connection(loop), key[0], key[1])
        except TimeoutError as exc:
            raise UpstreamTimeout(f"no connection to {key[0]}:{key[1]} within {timeout}s") from exc
        except OSError as exc:
            raise UpstreamConnectError(f"cannot connect to {key[0]}:{key[1]}: {exc.strerror or exc}") from exc
        return conn

    async def _acquire(self, key, timeout: float) -> tuple[Http1Connection, bool]:
        idle = self.idle[key]
        while idle:
            conn = idle.pop()
            if conn.closed:
                continue
            if conn.loop.time() - conn.idle_since > self.idle_seconds:
                conn.transport.close()
                continue
            return conn, True
        return await self._connect(key, timeout), False

    async def request(
        self, method: str, base, target: str, headers: list[tuple[bytes, bytes]], body, *,
        connect_timeout: float, read_timeout: float,
    ) -> Http1Response:  # fmt: skip
        """``base`` is (host, port, host header); ``body`` is bytes, an async iterable of bytes or None."""
        key = (base[0], base[1])
        conn, reused = await self._acquire(key, connect_timeout)
        head = [f"{method} {target} HTTP/1.1\r\nhost: {base[2]}\r\n".encode("latin-1")]
        buffered = isinstance(body, bytes | bytearray)
        head.extend(
            name + b": " + value + b"\r\n"
            for name, value in headers
            if not (buffered and name == b"content-length")
        )
        chunked = False
        if buffered:
            head.append(b"content-length: %d\r\n" % len(body))
        elif body is not None and not any(n == b"content-length" for n, _ in headers):
            head.append(b"transfer-encoding: chunked\r\n")
            chunked = True
        head.append(b"\r\n")
        if isinstance(body, bytes | bytearray):
            head.append(body)
        conn.in_flight = True
        conn.transport.write(b"".join(head))
        if body is not None and not isinstance(body, bytes | bytearray):
            try:
                await stream_body(conn, body, chunked)
            except BaseException:
                conn.transport.close()
                raise
        try:
            await bounded(conn.head, read_timeout, conn.loop)
        except UpstreamDisconnected:
            conn.transport.close()
            raise UpstreamDisconnected(
                "stale pooled connection" if reused else "closed before answering"
            ) from None
        except UpstreamTimeout:
            conn.transport.close()
            raise
        return Http1Response(conn, self, key, method, read_timeout)

    def close(self) -> None:
        for idle in self.idle.values():
            while idle:
                conn = idle.pop()
                if not conn.closed:
                    conn.transport.close()


def parse_base_url(url: str) -> tuple[str, int, str]:
    """(host, port, Host header) of an ``http://`` base URL."""
    parts = urlsplit(url)
    if parts.scheme != "http":
        raise ValueError(f"{url}: the proxy transport speaks plain HTTP to upstreams (use a mesh for TLS)")
    port = parts.port or 80
    return parts.hostname, port, parts.netloc


async def get_json(pool: Http1Pool, base_url: str, path: str, timeout: float) -> tuple[int, object]:
    """GET a JSON document (health, OpenAPI) over the shared pool: (status, parsed body)."""
    base, accept = parse_base_url(base_url), [(b"accept", b"application/json")]
    try:
        resp = await pool.request(
            "GET", base, path, accept, None, connect_timeout=timeout, read_timeout=timeout
        )
    except UpstreamDisconnected:  # a pooled connection the service had closed: once more, fresh
        resp = await pool.request(
            "GET", base, path, accept, None, connect_timeout=timeout, read_timeout=timeout
        )
    try:
        raw = await resp.read()
    finally:
        resp.release()
    try:
        return resp.status, json.loads(raw)
    except ValueError:
        return resp.status, None
