"""Proxy mode when upstreams fail: timeouts, retries of idempotent requests only, circuit breaker, 429."""

import time

import httpx
import pytest

from quant_gateway.proxy.breaker import CircuitBreaker
from quant_gateway.proxy.config import ProxySettings, UpstreamConfig
from quant_gateway.proxy.forwarder import Forwarder
from quant_gateway.proxy.http1_errors import UpstreamDisconnected
from quant_gateway.proxy.upstream import Upstream
from quant_shared.embedded import free_port
from quant_shared.testing import serve_app

from .proxy_fixtures import proxy_gateway
from .upstream_app import upstream_app


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_breaker_opens_after_threshold_and_lets_one_probe_through():
    clock = Clock()
    breaker = CircuitBreaker(failures=3, reset_seconds=5, clock=clock)
    for _ in range(2):
        assert breaker.allow()
        breaker.failure()
    assert breaker.state == "closed"
    breaker.failure()
    assert breaker.state == "open" and not breaker.allow() and breaker.retry_after() == 5
    clock.now += 5
    assert breaker.state == "half_open"
    assert breaker.allow() and not breaker.allow()  # one probe at a time
    breaker.failure()
    assert breaker.state == "open"
    clock.now += 5
    assert breaker.allow()
    breaker.success()
    assert breaker.state == "closed" and breaker.allow() and breaker.failures == 0


class DroppingPool:
    """Stands in for the connection pool: every connection drops before answering."""

    def __init__(self) -> None:
        self.calls = 0

    async def request(self, *args, **kwargs):
        self.calls += 1
        raise UpstreamDisconnected("dropped")


async def _forward(method: str) -> tuple[int, list[dict]]:
    settings = ProxySettings(retries=2, retry_backoff=0.001, _env_file=None)
    forwarder = Forwarder(settings)
    forwarder.pool = DroppingPool()
    upstream = Upstream.build("svc", UpstreamConfig(url="http://svc", prefixes=["/x"]), settings)
    scope = {
        "type": "http",
        "method": method,
        "path": "/x",
        "raw_path": b"/x",
        "query_string": b"",
        "headers": [],
    }
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    await forwarder(scope, receive, send, upstream, "rid")
    return forwarder.pool.calls, sent


@pytest.mark.parametrize(
    ("method", "attempts"), [("GET", 3), ("PUT", 3), ("DELETE", 3), ("POST", 1), ("PATCH", 1)]
)
async def test_only_idempotent_methods_are_retried(method, attempts):
    calls, sent = await _forward(method)
    assert calls == attempts
    assert sent[0]["status"] == 502


def test_slow_upstream_gives_504_within_the_read_timeout_while_other_routes_work(settings):
    with serve_app(upstream_app("slow")) as slow_url, serve_app(upstream_app("fast")) as fast_url:
        routes = {
            "slow": {"url": slow_url, "prefixes": ["/slow"], "read_timeout": 0.5},
            "fast": {"url": fast_url, "prefixes": ["/echo"]},
        }
        with proxy_gateway(settings, routes) as (url, _):
            started = time.monotonic()
            slow = httpx.get(f"{url}/slow/3", timeout=10)
            elapsed = time.monotonic() - started
            fast = httpx.get(f"{url}/echo/ok", timeout=10)
            quick = httpx.get(f"{url}/slow/0.01", timeout=10)
    assert slow.status_code == 504 and slow.json()["title"] == "Gateway Timeout"
    assert 0.4 < elapsed < 2.0
    assert fast.status_code == 200 and fast.json()["service"] == "fast"
    assert quick.status_code == 200 and quick.json() == {"slept": 0.01}


def test_circuit_opens_on_a_dead_upstream_and_heals_when_it_returns(settings):
    port = free_port()
    routes = {"flaky": {"url": f"http://127.0.0.1:{port}", "prefixes": ["/echo"]}}
    policies = {"retries": 0, "breaker_failures": 2, "breaker_reset_seconds": 0.5}
    with proxy_gateway(settings, routes, **policies) as (url, app):
        first = [httpx.get(f"{url}/echo/a") for _ in range(2)]
        assert [r.status_code for r in first] == [503, 503]
        assert app.upstreams["flaky"].breaker.state == "open"
        opened = httpx.get(f"{url}/echo/a")
        assert opened.status_code == 503 and "circuit open" in opened.json()["detail"]
        assert int(opened.headers["retry-after"]) >= 1
        with serve_app(upstream_app("flaky"), port=port):
            time.sleep(0.6)
            healed = httpx.get(f"{url}/echo/a")
            assert healed.status_code == 200 and healed.json()["service"] == "flaky"
            assert app.upstreams["flaky"].breaker.state == "closed"


def test_rate_limit_per_client_answers_429_with_retry_after(settings):
    with serve_app(upstream_app("alpha")) as upstream:
        routes = {"alpha": {"url": upstream, "prefixes": ["/echo"]}}
        with proxy_gateway(settings, routes, rate_limit_per_second=0.5, rate_limit_burst=3) as (url, _):
            codes = [httpx.get(f"{url}/echo/x").status_code for _ in range(4)]
            limited = httpx.get(f"{url}/echo/x")
    assert codes == [200, 200, 200, 429]
    assert limited.status_code == 429 and limited.json()["title"] == "Too Many Requests"
    assert 1 <= int(limited.headers["retry-after"]) <= 2
