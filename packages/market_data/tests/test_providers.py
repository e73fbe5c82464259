"""Real HTTP providers against local servers replaying their formats: paging, 429, errors."""

from datetime import UTC, datetime

import pytest

from quant_market_data.providers.base import ProviderError
from quant_market_data.providers.binance import BinanceProvider, exchange_symbol
from quant_market_data.providers.synthetic import SyntheticProvider
from quant_market_data.providers.yahoo import YahooChartProvider
from quant_shared.enums import DataInterval
from quant_shared.testing import serve_app

from .provider_fakes import T0, make_binance_app, make_yahoo_app

START, END = datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 1, 2, tzinfo=UTC)


async def test_binance_pages_and_retries_after_429():
    app = make_binance_app(total=1500)
    with serve_app(app) as url:
        provider = BinanceProvider(url, max_retries=2)
        bars = await provider.fetch_bars("BTC-USD", DataInterval.M1, START, datetime(2024, 1, 3, tzinfo=UTC))
    assert len(bars) == 1500
    assert bars.timestamp[0] == T0 and bars.timestamp[-1] == T0 + 1499 * 60_000
    assert bars.open[1499] == 41499.0 and bars.high[0] == 40005.0 and bars.volume[6] == 7.0
    starts = [int(c["startTime"]) for c in app.state.calls]
    assert starts == [T0, T0, T0 + 1000 * 60_000]  # the 429, then two pages


async def test_binance_error_answer_is_reported():
    with serve_app(make_binance_app()) as url:
        with pytest.raises(ProviderError, match="-1121: Invalid symbol"):
            await BinanceProvider(url).fetch_bars("NOPE-USD", DataInterval.M1, START, END)
    assert exchange_symbol("eth-btc") == "ETHBTC"


async def test_yahoo_chart_skips_null_rows_and_aligns_days():
    app = make_yahoo_app()
    with serve_app(app) as url:
        provider = YahooChartProvider(url, max_retries=1)
        bars = await provider.fetch_bars("AAPL", DataInterval.D1, START, datetime(2024, 1, 10, tzinfo=UTC))
        with pytest.raises(ProviderError, match="No data found"):
            await provider.fetch_bars("ZZZZ", DataInterval.D1, START, END)
    day = 86_400_000
    assert bars.timestamp.tolist() == [T0 + day, T0 + 2 * day, T0 + 4 * day]
    assert bars.close.tolist() == [185.0, 184.0, 182.5] and bars.low.tolist() == [183.0, 182.0, 180.5]
    assert app.state.calls[1]["interval"] == "1d" and app.state.calls[1]["period1"] == str(T0 // 1000)


async def test_synthetic_provider_is_deterministic_and_consistent():
    provider = SyntheticProvider(seed=3)
    a = await provider.fetch_bars("BTC-USD", DataInterval.H1, START, END)
    b = await provider.fetch_bars("BTC-USD", DataInterval.H1, START, END)
    assert len(a) == 24 and a.close.tolist() == b.close.tolist()
    assert (a.high >= a.open).all() and (a.high >= a.close).all() and (a.low <= a.open).all()
    week = await provider.fetch_bars("AAPL", DataInterval.D1, START, datetime(2024, 1, 8, tzinfo=UTC))
    assert len(week) == 5  # Monday 1 to Friday 5: no weekend bars for stocks
