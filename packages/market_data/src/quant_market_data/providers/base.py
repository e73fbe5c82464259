"""The provider interface and a retrying GET honoring ``429 Retry-After``."""

import asyncio
from datetime import datetime
from typing import Any, Protocol

import httpx

from quant_market_data.engine.columns import BarColumns
from quant_shared.enums import AssetClass, DataInterval, MarketDataProvider


class ProviderError(Exception):
    """The provider refused or failed; the message is meant for the user."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class BarProvider(Protocol):
    name: MarketDataProvider
    asset_class: AssetClass

    async def fetch_bars(
        self, symbol: str, interval: DataInterval, start: datetime, end: datetime
    ) -> BarColumns: ...


def retry_after_seconds(response: httpx.Response, attempt: int) -> float:
    raw = response.headers.get("Retry-After")
    try:
        return max(0.0, float(raw)) if raw is not None else min(2.0**attempt, 30.0)
    except ValueError:
        return min(2.0**attempt, 30.0)


async def get_with_retries(
    client: httpx.AsyncClient,
    url: str,
    params: dict[str, Any],
    *,
    max_retries: int,
    max_wait: float,
    describe_error,
) -> httpx.Response:
    """GET, retrying 429/418/5xx and transport errors; other 4xx raise ``ProviderError`` at once."""
    for attempt in range(max_retries + 1):
        try:
            response = await client.get(url, params=params)
        except httpx.TransportError as exc:
            if attempt == max_retries:
                raise ProviderError(f"provider unreachable: {exc}") from exc
            await asyncio.sleep(min(2.0**attempt * 0.1, max_wait))
            continue
        if response.status_code < 400:
            return response
        retryable = response.status_code in (418, 429) or response.status_code >= 500
        if not retryable or attempt == max_retries:
            raise ProviderError(describe_error(response), response.status_code)
        wait = retry_after_seconds(response, attempt)
        if wait > max_wait:
            raise ProviderError(f"rate limited for {wait:.0f}s (limit {max_wait:.0f}s)", response.status_code)
        await asyncio.sleep(wait)
    raise ProviderError("provider retries exhausted")  # pragma: no cover - loop always returns or raises
