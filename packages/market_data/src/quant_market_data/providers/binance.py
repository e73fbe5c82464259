"""Binance-style public klines (``GET /api/v3/klines``) with pagination and rate-limit handling."""

from datetime import datetime

import httpx

from quant_market_data.engine.columns import BarColumns, datetime_to_ms
from quant_market_data.providers.base import ProviderError, get_with_retries
from quant_shared.enums import AssetClass, DataInterval, MarketDataProvider

PAGE_LIMIT = 1000


def exchange_symbol(symbol: str) -> str:
    """``BTC-USD`` -> ``BTCUSDT`` (USD pairs trade against USDT); ``ETHBTC`` stays."""
    base, _, quote = symbol.upper().partition("-")
    if not quote:
        return base
    return base + ("USDT" if quote == "USD" else quote)


def describe_error(response: httpx.Response) -> str:
    try:
        body = response.json()
        return f"binance error {body.get('code')}: {body.get('msg')} (HTTP {response.status_code})"
    except ValueError:
        return f"binance answered HTTP {response.status_code}: {response.text[:200]}"


class BinanceProvider:
    name = MarketDataProvider.BINANCE
    asset_class = AssetClass.CRYPTO

    def __init__(self, base_url: str, timeout: float = 20.0, max_retries: int = 4, max_wait: float = 30.0):
        self.base_url = base_url.rstrip("/")
        self.timeout, self.max_retries, self.max_wait = timeout, max_retries, max_wait

    async def fetch_bars(
        self, symbol: str, interval: DataInterval, start: datetime, end: datetime
    ) -> BarColumns:
        start_ms, end_ms = datetime_to_ms(start), datetime_to_ms(end)
        rows: list[list] = []
        async with httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout) as client:
            cursor = start_ms
            while cursor <= end_ms:
                params = {
                    "symbol": exchange_symbol(symbol),
                    "interval": interval.value,
                    "startTime": cursor,
                    "endTime": end_ms,
                    "limit": PAGE_LIMIT,
                }
                response = await get_with_retries(
                    client,
                    "/api/v3/klines",
                    params,
                    max_retries=self.max_retries,
                    max_wait=self.max_wait,
                    describe_error=describe_error,
                )
                page = response.json()
                if not isinstance(page, list):
                    raise ProviderError("binance answered an unexpected body")
                rows.extend(r for r in page if start_ms <= int(r[0]) <= end_ms)
                if len(page) < PAGE_LIMIT:
                    break
                cursor = int(page[-1][0]) + interval.seconds * 1000
        if not rows:
            return BarColumns.empty()
        unique = {int(r[0]): r for r in rows}
        ordered = [unique[k] for k in sorted(unique)]
        return BarColumns.from_lists(*([float(r[i]) for r in ordered] for i in range(6)))
