"""The upstream services and the one pooled aiohttp client they share."""

from dataclasses import dataclass, field

import aiohttp

from quant_gateway.proxy.breaker import CircuitBreaker
from quant_gateway.proxy.config import ProxySettings, UpstreamConfig

# Headers aiohttp would add on its own; the client's own ones (if any) are forwarded instead.
SKIP_AUTO_HEADERS = frozenset({"Accept", "Accept-Encoding", "User-Agent", "Content-Type"})


@dataclass
class Upstream:
    name: str
    base_url: str
    prefixes: list[str]
    timeout: aiohttp.ClientTimeout
    breaker: CircuitBreaker = field(default_factory=CircuitBreaker)

    @classmethod
    def build(cls, name: str, config: UpstreamConfig, settings: ProxySettings) -> "Upstream":
        timeout = aiohttp.ClientTimeout(
            total=None,
            sock_connect=config.connect_timeout or settings.connect_timeout,
            sock_read=config.read_timeout or settings.read_timeout,
        )
        breaker = CircuitBreaker(settings.breaker_failures, settings.breaker_reset_seconds)
        return cls(name, config.url, list(config.prefixes), timeout, breaker)


def upstreams_from(settings: ProxySettings) -> dict[str, Upstream]:
    return {name: Upstream.build(name, cfg, settings) for name, cfg in settings.table().items()}


def new_session(settings: ProxySettings) -> aiohttp.ClientSession:
    """One session for every upstream: pooled keep-alive connections, bodies passed through as-is."""
    connector = aiohttp.TCPConnector(
        limit=settings.pool_size,
        limit_per_host=0,
        keepalive_timeout=settings.pool_idle_seconds,
        ttl_dns_cache=300,
    )
    return aiohttp.ClientSession(
        connector=connector,
        auto_decompress=False,
        cookie_jar=aiohttp.DummyCookieJar(),
        skip_auto_headers=SKIP_AUTO_HEADERS,
        timeout=aiohttp.ClientTimeout(total=None, sock_connect=settings.connect_timeout),
    )
