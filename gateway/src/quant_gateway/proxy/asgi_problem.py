"""RFC 9457 problem responses sent from raw ASGI code (the proxy's hot path has no FastAPI)."""

import json

PROBLEM_JSON = b"application/problem+json"
TITLES = {
    413: "Payload Too Large",
    429: "Too Many Requests",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


async def send_problem(
    send, status: int, detail: str, *, path: str, request_id: str, retry_after: float | None = None, **extra
) -> None:
    body = {
        "type": "about:blank" if status >= 500 else f"https://quant.dev/problems/{status}",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": path,
        "request_id": request_id,
        **extra,
    }
    payload = json.dumps(body).encode()
    headers = [
        (b"content-type", PROBLEM_JSON),
        (b"content-length", str(len(payload)).encode()),
        (b"x-request-id", request_id.encode("latin-1")),
    ]
    if retry_after is not None:
        headers.append((b"retry-after", str(max(1, round(retry_after))).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
