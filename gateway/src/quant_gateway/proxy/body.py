"""Request bodies: read (bounded) for replayable requests, streamed (bounded) otherwise."""


class BodyTooLarge(Exception):
    """The client sent more bytes than the gateway accepts."""


class ClientGone(Exception):
    """The client disconnected while sending its body."""


def declared_length(scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def has_body(scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return value.strip() not in (b"0", b"")
        if name == b"transfer-encoding":
            return True
    return False


class BodyReader:
    def __init__(self, receive, limit: int) -> None:
        self.receive = receive
        self.limit = limit
        self.seen = 0
        self.too_large = False

    async def _chunks(self):
        while True:
            message = await self.receive()
            if message["type"] == "http.disconnect":
                raise ClientGone()
            chunk = message.get("body", b"")
            self.seen += len(chunk)
            if self.seen > self.limit:
                self.too_large = True
                raise BodyTooLarge()
            if chunk:
                yield chunk
            if not message.get("more_body", False):
                return

    async def read_all(self) -> bytes | None:
        parts = [chunk async for chunk in self._chunks()]
        return b"".join(parts) if parts else None

    def stream(self, scope):
        """An async iterator of the body for the upstream, or None when the request has no body."""
        return self._chunks() if has_body(scope) else None
