"""Yahoo-chart-style equities source (``GET /v8/finance/chart/{symbol}``), fetched in windows."""

from datetime import datetime, timedelta

import httpx

from quant_market_data.engine.calendar import bucket_start_ms
from quant_market_data.engine.columns import BarColumns
from quant_market_data.engine.resample import resample
from quant_market_data.providers.base import ProviderError, get_with_retries
from quant_shared.enums import AssetClass, DataInterval, MarketDataProvider

# The chart API's interval names and the longest range one request may ask for at that interval.
NATIVE = {
    DataInterval.M1: ("1m", timedelta(days=7)),
    DataInterval.M5: ("5m", timedelta(days=30)),
    DataInterval.M15: ("15m", timedelta(days=30)),
    DataInterval.H1: ("60m", timedelta(days=180)),
    DataInterval.D1: ("1d", timedelta(days=3650)),
    DataInterval.W1: ("1wk", timedelta(days=3650)),
}
# Yahoo answers 429 to the default ``python-httpx/x.y`` agent; a browser's is served.
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
)


def describe_error(response: httpx.Response) -> str:
    try:
        error = (response.json().get("chart") or {}).get("error") or {}
        return f"yahoo error {error.get('code')}: {error.get('description')} (HTTP {response.status_code})"
    except ValueError:
        return f"yahoo answered HTTP {response.status_code}: {response.text[:200]}"


def parse_chart(body: dict, interval: DataInterval, adjusted: bool = False) -> list[tuple]:
    """Rows ``(ms, open, high, low, close, volume)``; ``adjusted``: prices scaled by ``adjclose / close``
    (splits and dividends), the way the chart API's adjusted close relates to its raw close."""
    chart = body.get("chart") or {}
    if chart.get("error"):
        raise ProviderError(f"yahoo error {chart['error'].get('code')}: {chart['error'].get('description')}")
    results = chart.get("result") or []
    if not results:
        return []
    result = results[0]
    quote = (result.get("indicators") or {}).get("quote") or [{}]
    cols = [quote[0].get(k) or [] for k in ("open", "high", "low", "close", "volume")]
    adj = ((result.get("indicators") or {}).get("adjclose") or [{}])[0].get("adjclose") or []
    if adjusted and not adj:
        raise ProviderError("yahoo sent no adjusted close (adjclose) for this interval")
    rows = []
    for i, ts in enumerate(result.get("timestamp") or []):
        values = [c[i] if i < len(c) else None for c in cols]
        if any(v is None for v in values[:4]):
            continue  # the API pads halted/missing slots with nulls
        prices = list(map(float, values[:4]))
        if adjusted:
            if i >= len(adj) or adj[i] is None or prices[3] == 0:
                continue
            factor = float(adj[i]) / prices[3]
            prices = [p * factor for p in prices[:3]] + [float(adj[i])]
        rows.append((bucket_start_ms(int(ts) * 1000, interval), *prices, float(values[4] or 0)))
    return rows


class YahooChartProvider:
    name = MarketDataProvider.YAHOO
    asset_class = AssetClass.STOCK

    def __init__(
        self,
        base_url: str,
        timeout: float = 20.0,
        max_retries: int = 4,
        max_wait: float = 30.0,
        adjusted: bool = False,
        user_agent: str = USER_AGENT,
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout, self.max_retries, self.max_wait = timeout, max_retries, max_wait
        self.adjusted, self.user_agent = adjusted, user_agent

    async def fetch_bars(
        self, symbol: str, interval: DataInterval, start: datetime, end: datetime
    ) -> BarColumns:
        fetch_interval = interval if interval in NATIVE else DataInterval.H1
        name, window = NATIVE[fetch_interval]
        rows: dict[int, tuple] = {}
        headers = {"User-Agent": self.user_agent, "Accept": "application/json"}
        async with httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout, headers=headers) as client:
            lo = start
            while lo < end:
                hi = min(lo + window, end)
                params = {"period1": int(lo.timestamp()), "period2": int(hi.timestamp()), "interval": name}
                if self.adjusted:
                    params["includeAdjustedClose"] = "true"
                response = await get_with_retries(
                    client,
                    f"/v8/finance/chart/{symbol.upper()}",
                    params,
                    max_retries=self.max_retries,
                    max_wait=self.max_wait,
                    describe_error=describe_error,
                )
                for row in parse_chart(response.json(), fetch_interval, self.adjusted):
                    rows[row[0]] = row
                lo = hi
        if not rows:
            return BarColumns.empty()
        ordered = [rows[k] for k in sorted(rows)]
        bars = BarColumns.from_lists(*([r[i] for r in ordered] for i in range(6)))
        return resample(bars, fetch_interval, interval) if fetch_interval != interval else bars
