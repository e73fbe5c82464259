"""The upstream services: address, timeouts and circuit breaker of each."""

from dataclasses import dataclass, field

from quant_gateway.proxy.breaker import CircuitBreaker
from quant_gateway.proxy.config import ProxySettings, UpstreamConfig
from quant_gateway.proxy.http1_pool import parse_base_url


@dataclass
class Upstream:
    name: str
    base_url: str
    prefixes: list[str]
    connect_timeout: float
    read_timeout: float
    breaker: CircuitBreaker = field(default_factory=CircuitBreaker)
    address: tuple[str, int, str] = ("", 0, "")

    def __post_init__(self) -> None:
        self.address = parse_base_url(self.base_url)

    @classmethod
    def build(cls, name: str, config: UpstreamConfig, settings: ProxySettings) -> "Upstream":
        breaker = CircuitBreaker(settings.breaker_failures, settings.breaker_reset_seconds)
        return cls(
            name,
            config.url,
            list(config.prefixes),
            config.connect_timeout or settings.connect_timeout,
            config.read_timeout or settings.read_timeout,
            breaker,
        )


def upstreams_from(settings: ProxySettings) -> dict[str, Upstream]:
    return {name: Upstream.build(name, cfg, settings) for name, cfg in settings.table().items()}
