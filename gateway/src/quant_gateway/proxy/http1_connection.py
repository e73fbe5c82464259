"""One HTTP/1.1 connection to an upstream: asyncio protocol + httptools parser, flow control both ways."""

import asyncio
import collections
from collections.abc import AsyncIterable

import httptools

from quant_gateway.proxy.http1_errors import UpstreamDisconnected, UpstreamTimeout

HIGH_WATER = 256 * 1024


class Http1Connection(asyncio.Protocol):
    """One keep-alive connection; one request at a time."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self.in_flight = False  # a request was sent and its answer is not read yet
        self.idle_since = loop.time()
        self.parser = httptools.HttpResponseParser(self)
        self.reset()

    def reset(self) -> None:
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.head: asyncio.Future = self.loop.create_future()
        self.chunks: collections.deque[bytes] = collections.deque()
        self.buffered = 0
        self.complete = False
        self.keep_alive = True
        self.waiter: asyncio.Future | None = None
        self.error: BaseException | None = None

    # asyncio.Protocol
    def connection_made(self, transport) -> None:
        self.transport = transport
        self.writable: asyncio.Future | None = None

    def pause_writing(self) -> None:
        self.writable = self.loop.create_future()

    def resume_writing(self) -> None:
        if self.writable is not None and not self.writable.done():
            self.writable.set_result(None)
        self.writable = None

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(UpstreamDisconnected(f"invalid answer: {exc}"))
            self.transport.close()

    def connection_lost(self, exc) -> None:
        self.closed = True
        self.resume_writing()
        if self.in_flight and not self.complete:
            self._fail(UpstreamDisconnected("the upstream closed the connection"))

    # httptools callbacks
    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name, value))

    def on_headers_complete(self) -> None:
        self.status = self.parser.get_status_code()
        self.keep_alive = self.parser.should_keep_alive()
        if not self.head.done():
            self.head.set_result(None)

    def on_body(self, chunk: bytes) -> None:
        self.chunks.append(chunk)
        self.buffered += len(chunk)
        if self.buffered > HIGH_WATER:
            self.transport.pause_reading()
        self._wake()

    def on_message_complete(self) -> None:
        self.complete = True
        self._wake()

    def _wake(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    def _fail(self, exc: BaseException) -> None:
        self.error = exc
        if not self.head.done():
            self.head.set_exception(exc)
        self._wake()

    async def next_chunk(self, timeout: float) -> bytes | None:
        """The next body chunk, None at the end of the body."""
        while True:
            if self.chunks:
                chunk = self.chunks.popleft()
                self.buffered -= len(chunk)
                if self.buffered <= HIGH_WATER and not self.closed:
                    self.transport.resume_reading()
                return chunk
            if self.complete:
                return None
            if self.error is not None:
                raise self.error
            self.waiter = self.loop.create_future()
            await bounded(self.waiter, timeout, self.loop)


async def bounded(future: asyncio.Future, timeout: float, loop) -> None:
    """Await ``future``; it fails with ``UpstreamTimeout`` after ``timeout`` seconds."""
    handle = loop.call_later(timeout, _expire, future)
    try:
        await future
    finally:
        handle.cancel()


def _expire(future: asyncio.Future) -> None:
    if not future.done():
        future.set_exception(UpstreamTimeout("the upstream did not answer in time"))


async def stream_body(conn: Http1Connection, body: AsyncIterable[bytes], chunked: bool) -> None:
    async for chunk in body:
        if conn.closed:
            raise UpstreamDisconnected("the upstream closed the connection while receiving the body")
        conn.transport.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
        if conn.writable is not None:
            await conn.writable
    if chunked:
        conn.transport.write(b"0\r\n\r\n")
