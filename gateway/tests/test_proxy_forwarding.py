"""Proxy mode against real HTTP upstreams: headers, streaming both ways, body limit, request id."""

import asyncio
import hashlib
import os

import httpx
import pytest

from quant_gateway.proxy.http1_pool import Http1Pool, get_json, parse_base_url
from quant_shared.embedded import free_port
from quant_shared.testing import serve_app

from .proxy_fixtures import proxy_gateway
from .upstream_app import expected_stream, upstream_app


@pytest.fixture(scope="module")
def upstream_url():
    with serve_app(upstream_app("alpha")) as url:
        yield url


@pytest.fixture
def gateway(settings, upstream_url):
    routes = {"alpha": {"url": upstream_url, "prefixes": ["/echo", "/upload", "/stream"]}}
    with proxy_gateway(settings, routes, max_body_bytes=4 * 1024 * 1024) as (url, _):
        yield url


def test_forwards_method_path_query_and_forwarding_headers(gateway):
    headers = {
        "X-Request-ID": "req-42",
        "X-Forwarded-For": "203.0.113.9",
        "Proxy-Authorization": "Basic c2VjcmV0",
        "Connection": "keep-alive, X-Hop",
        "X-Hop": "dropped",
        "X-Kept": "kept",
    }
    resp = httpx.put(f"{gateway}/echo/a%20b/c?x=1&y=%2F", headers=headers, content=b"hello")
    assert resp.status_code == 200
    seen = resp.json()
    assert seen["method"] == "PUT" and seen["path"] == "/echo/a b/c" and seen["query"] == "x=1&y=%2F"
    assert seen["body_sha256"] == hashlib.sha256(b"hello").hexdigest()
    sent = seen["headers"]
    assert sent["x-request-id"] == "req-42" and sent["x-kept"] == "kept"
    # uvicorn trusts loopback's X-Forwarded-For: the chain is kept, the peer is not repeated
    assert sent["x-forwarded-for"] == "203.0.113.9"
    assert sent["x-forwarded-proto"] == "http"
    assert sent["x-forwarded-host"] == gateway.removeprefix("http://")
    assert "proxy-authorization" not in sent and "x-hop" not in sent
    assert resp.headers["x-request-id"] == "req-42" and resp.headers["x-upstream"] == "alpha"


def test_a_request_id_is_created_when_missing(gateway):
    resp = httpx.get(f"{gateway}/echo/x")
    rid = resp.headers["x-request-id"]
    assert len(rid) == 32 and resp.json()["headers"]["x-request-id"] == rid
    assert resp.json()["headers"]["x-forwarded-for"] == "127.0.0.1"


def test_large_bodies_stream_both_ways(gateway):
    payload = os.urandom(3 * 1024 * 1024)

    def chunks():
        for i in range(0, len(payload), 100_000):
            yield payload[i : i + 100_000]

    up = httpx.post(f"{gateway}/upload", content=chunks(), timeout=30)  # chunked transfer encoding
    assert up.json() == {"sha256": hashlib.sha256(payload).hexdigest(), "size": len(payload)}
    with httpx.stream("GET", f"{gateway}/stream/40", timeout=30) as resp:
        received = b"".join(resp.iter_bytes())
    assert received == expected_stream(40)


def test_body_limit_answers_413_problem_for_declared_and_streamed_bodies(gateway):
    big = b"x" * (4 * 1024 * 1024 + 1)
    declared = httpx.post(f"{gateway}/upload", content=big)
    assert declared.status_code == 413
    assert declared.headers["content-type"] == "application/problem+json"
    assert declared.json()["title"] == "Payload Too Large"
    streamed = httpx.post(f"{gateway}/upload", content=iter([big[:2_000_000], big[2_000_000:]]), timeout=30)
    assert streamed.status_code == 413


def test_unrouted_paths_are_the_gateways_own(gateway):
    resp = httpx.get(f"{gateway}/nothing-here")
    assert resp.status_code == 404
    assert resp.headers["content-type"] == "application/problem+json"


def test_closed_port_gives_503_problem_naming_the_service(settings):
    routes = {"ghost": {"url": f"http://127.0.0.1:{free_port()}", "prefixes": ["/ghost"]}}
    with proxy_gateway(settings, routes, retries=1, retry_backoff=0.01) as (url, _):
        resp = httpx.get(f"{url}/ghost/x")
    assert resp.status_code == 503
    body = resp.json()
    assert body["upstream"] == "ghost" and "unreachable" in body["detail"] and body["instance"] == "/ghost/x"


async def test_pool_reuses_connections_and_drops_idle_ones(upstream_url):
    pool = Http1Pool(idle_seconds=0.3)
    key = parse_base_url(upstream_url)[:2]
    status, body = await get_json(pool, upstream_url, "/health", 5)
    assert status == 200 and body == {"status": "ok", "version": "alpha-1.0"}
    first = pool.idle[key][-1]
    await get_json(pool, upstream_url, "/health", 5)
    assert pool.idle[key][-1] is first  # kept alive and reused
    await asyncio.sleep(0.4)
    await get_json(pool, upstream_url, "/health", 5)
    assert pool.idle[key][-1] is not first and first.closed  # idle too long: replaced
    pool.close()
