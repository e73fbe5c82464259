"""Proxy-mode configuration: the routing table and the per-upstream policies, read from JSON.

The table comes from ``QUANT_GATEWAY_UPSTREAMS`` (JSON) or the file ``QUANT_GATEWAY_UPSTREAMS_FILE``::

    {"trading": {"url": "http://trading:8501", "prefixes": ["/backtests", "/tasks"], "read_timeout": 30},
     "market_data": {"url": "http://market-data:8502", "prefixes": ["/market-data"]}}

Everything else has the prefix ``QUANT_GATEWAY_`` (see :class:`ProxySettings`).
"""

import json
from pathlib import Path

from pydantic import BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class UpstreamConfig(BaseModel):
    """One service behind the gateway."""

    url: str = Field(description="Base URL of the service, e.g. http://127.0.0.1:8501")
    prefixes: list[str] = Field(default_factory=list, description="Path prefixes routed to this service.")
    connect_timeout: float | None = Field(default=None, gt=0, description="Seconds to open a connection.")
    read_timeout: float | None = Field(default=None, gt=0, description="Seconds to wait for the answer.")

    @field_validator("url")
    @classmethod
    def _strip(cls, url: str) -> str:
        if not url.startswith("http://"):  # the proxy's transport speaks plain HTTP/1.1 to upstreams
            raise ValueError("the URL must start with http:// (TLS between services belongs to a mesh)")
        return url.rstrip("/")

    @field_validator("prefixes")
    @classmethod
    def _prefixes(cls, prefixes: list[str]) -> list[str]:
        for prefix in prefixes:
            parts = prefix.strip("/").split("/")
            if not prefix.startswith("/") or not parts[0] or len(parts) > 2:
                raise ValueError(f"prefix {prefix!r} must look like /name or /name/sub")
        return [p.rstrip("/") for p in prefixes]


class ProxySettings(BaseSettings):
    """Policies of the proxy mode (prefix ``QUANT_GATEWAY_``)."""

    model_config = SettingsConfigDict(env_prefix="QUANT_GATEWAY_", env_file=".env", extra="ignore")

    upstreams: dict[str, UpstreamConfig] = Field(default_factory=dict, description="Routing table (JSON).")
    upstreams_file: Path | None = Field(default=None, description="JSON file holding the routing table.")
    console_dir: Path | None = Field(
        default=None, description="Built web console served at /console (default: the checkout's build)."
    )
    connect_timeout: float = Field(default=2.0, gt=0, description="Default seconds to connect upstream.")
    read_timeout: float = Field(default=30.0, gt=0, description="Default seconds to wait for an answer.")
    retries: int = Field(
        default=2, ge=0, le=5, description="Retries of idempotent requests that failed to connect."
    )
    retry_backoff: float = Field(default=0.05, ge=0, description="First retry delay in seconds (doubles).")
    breaker_failures: int = Field(default=5, ge=1, description="Consecutive failures that open a circuit.")
    breaker_reset_seconds: float = Field(default=10.0, gt=0, description="Open-circuit time before a probe.")
    max_body_bytes: int = Field(default=10 * 1024 * 1024, ge=0, description="Request body limit (413).")
    rate_limit_per_second: float = Field(
        default=0.0, ge=0, description="Requests per client per second; 0 = off."
    )
    rate_limit_burst: int = Field(default=50, ge=1, description="Requests a client may send at once.")
    pool_size: int = Field(default=200, ge=1, description="Idle keep-alive connections kept per upstream.")
    pool_idle_seconds: float = Field(
        default=15.0, gt=0, description="Idle time before a pooled connection closes."
    )
    openapi_ttl_seconds: float = Field(
        default=60.0, gt=0, description="Refresh period of the merged OpenAPI."
    )
    health_timeout: float = Field(default=2.0, gt=0, description="Seconds allowed to each service's /health.")
    openapi_timeout: float = Field(default=10.0, gt=0, description="Seconds allowed to each /openapi.json.")

    def table(self) -> dict[str, UpstreamConfig]:
        """The routing table: the file's entries, overridden by ``QUANT_GATEWAY_UPSTREAMS``."""
        table: dict[str, UpstreamConfig] = {}
        if self.upstreams_file is not None:
            raw = json.loads(Path(self.upstreams_file).read_text())
            table = {name: UpstreamConfig.model_validate(spec) for name, spec in raw.items()}
        table.update(self.upstreams)
        return table
