"""Header handling of the proxy: hop-by-hop headers dropped, forwarding headers added."""

HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authenticate",
        b"proxy-authorization",
        b"proxy-connection",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
    }
)
# Request headers the gateway rewrites itself.
_REPLACED = frozenset(
    {b"host", b"x-forwarded-for", b"x-forwarded-proto", b"x-forwarded-host", b"x-request-id"}
)


def _connection_tokens(headers) -> frozenset[bytes]:
    named = set()
    for name, value in headers:
        if name.lower() == b"connection":
            named.update(t.strip().lower() for t in value.split(b","))
    return frozenset(named)


def upstream_request_headers(scope: dict, request_id: str) -> list[tuple[bytes, bytes]]:
    """The client's headers minus hop-by-hop ones, plus X-Forwarded-For/Proto/Host and X-Request-ID."""
    raw = scope["headers"]
    drop = HOP_BY_HOP | _REPLACED | _connection_tokens(raw)
    out = []
    forwarded_for = host = None
    for name, value in raw:
        if name == b"host":
            host = value
        elif name == b"x-forwarded-for":
            forwarded_for = value
        if name not in drop:
            out.append((name, value))
    client = scope.get("client")
    chain = [v.strip() for v in forwarded_for.decode("latin-1").split(",")] if forwarded_for else []
    # uvicorn's proxy-headers support may already have made the last trusted hop the client.
    if client and (not chain or chain[-1] != client[0]):
        chain.append(client[0])
    if chain:
        out.append((b"x-forwarded-for", ", ".join(chain).encode("latin-1")))
    out.append((b"x-forwarded-proto", scope.get("scheme", "http").encode("latin-1")))
    if host:
        out.append((b"x-forwarded-host", host))
    out.append((b"x-request-id", request_id.encode("latin-1")))
    return out


# Response headers the gateway's server writes itself (uvicorn adds date and server).
_OWN_RESPONSE = frozenset({b"date", b"server", b"x-request-id"})


def client_response_headers(raw_headers, request_id: bytes) -> list[tuple[bytes, bytes]]:
    """The upstream's response headers minus hop-by-hop ones (uvicorn frames the body itself)."""
    drop = HOP_BY_HOP | _OWN_RESPONSE | _connection_tokens(raw_headers)
    out = [(name.lower(), value) for name, value in raw_headers if name.lower() not in drop]
    out.append((b"x-request-id", request_id))
    return out
