"""OHLCV constructors, validation, annualization and the JSON shape of results."""

import json

import numpy as np
import pandas as pd
import pytest

from quant_shared.enums import FillTiming
from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest

from .bars import DAY

COLUMNAR = {
    "timestamp": [1_704_067_200_000 + DAY * i for i in range(3)],
    "open": [1, 2, 3],
    "high": [2, 3, 4],
    "low": [0.5, 1.5, 2.5],
    "close": [1.5, 2.5, 3.5],
    "volume": [10, 20, 30],
}


def test_from_columnar_and_dataframe_agree():
    a = OHLCV.from_columnar(COLUMNAR)
    frame = pd.DataFrame(
        {k.capitalize(): v for k, v in COLUMNAR.items() if k != "timestamp"},
        index=pd.to_datetime(COLUMNAR["timestamp"], unit="ms", utc=True),
    )
    b = OHLCV.from_dataframe(frame)
    c = OHLCV.from_dataframe(pd.DataFrame(COLUMNAR))
    for x in (b, c):
        np.testing.assert_array_equal(a.timestamp, x.timestamp)
        np.testing.assert_array_equal(a.close, x.close)
    assert a.timestamp.dtype == np.int64 and a.close.dtype == np.float64 and len(a) == 3
    iso = dict(COLUMNAR, timestamp=["2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z"])
    np.testing.assert_array_equal(OHLCV.from_columnar(iso).timestamp, a.timestamp)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"close": [1, 2]}, "close: length"),
        ({"timestamp": COLUMNAR["timestamp"][::-1]}, "timestamp: must be strictly increasing"),
        ({"open": [1, float("nan"), 3]}, "open: contains NaN"),
    ],
)
def test_bad_bars_are_rejected(change, message):
    with pytest.raises(ValueError, match=message):
        OHLCV.from_columnar({**COLUMNAR, **change})
    with pytest.raises(ValueError, match="lack"):
        OHLCV.from_columnar({"timestamp": [1]})


def test_periods_per_year_from_the_calendar():
    """(bars - 1) / calendar years from the first to the last bar: the annualized return is the CAGR."""
    assert OHLCV.from_columnar(COLUMNAR).periods_per_year() == pytest.approx(365.25)  # every day: crypto
    days = np.arange(np.datetime64("2022-01-03"), np.datetime64("2024-01-01"), dtype="datetime64[D]")
    weekdays = days[np.is_busday(days)].astype("datetime64[ms]").astype(np.int64)
    closes = np.ones(len(weekdays))
    stocks = OHLCV.from_arrays(weekdays, closes, closes, closes, closes)
    assert stocks.periods_per_year() == pytest.approx(261, abs=1)  # weekdays (no holidays)
    assert stocks.years() == pytest.approx((weekdays[-1] - weekdays[0]) / (365.25 * DAY))
    hourly = {k: v for k, v in COLUMNAR.items()}
    hourly["timestamp"] = [0, 3_600_000, 7_200_000]
    assert OHLCV.from_columnar(hourly).periods_per_year() == pytest.approx(365.25 * 24)
    one = {k: v[:1] for k, v in COLUMNAR.items()}
    assert OHLCV.from_columnar(one).periods_per_year() == 252.0 and OHLCV.from_columnar(one).years() == 0.0


def test_config_aliases_and_checks():
    cfg = EngineConfig(stop_loss=0.05, take_profit=0.1, trade_on_close=True)
    assert (
        cfg.stop_loss_pct == 0.05 and cfg.take_profit_pct == 0.1 and cfg.fill_timing == FillTiming.THIS_CLOSE
    )
    with pytest.raises(ValueError, match="size"):
        EngineConfig(size=2)
    with pytest.raises(ValueError):
        EngineConfig(unknown=1)


def test_output_is_json_ready():
    rng = np.random.default_rng(5)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, 300)))
    data = OHLCV.from_arrays(DAY * np.arange(300), close, close * 1.01, close * 0.99, close)
    out = run_backtest(data, build_strategy("sma_crossover", {"fast": 5, "slow": 20}), EngineConfig())
    assert (
        out.trades
        and out.drawdown.max() <= 0
        and out.drawdown.min() == pytest.approx(out.metrics["max_drawdown"])
    )
    json.dumps(out.metrics, allow_nan=False)
    json.dumps([t.as_dict() for t in out.trades], allow_nan=False)
    assert out.metrics["num_trades"] == len(out.trades)
    assert out.metrics["final_equity"] == pytest.approx(out.final_equity)
    assert sum(t.pnl for t in out.trades) + (out.open_trade.pnl if out.open_trade else 0) == pytest.approx(
        out.final_equity - 10_000
    )


def test_buy_and_hold_has_beta_one_and_no_alpha_against_itself():
    rng = np.random.default_rng(9)
    close = 50 * np.exp(np.cumsum(rng.normal(0.0005, 0.02, 500)))
    data = OHLCV.from_arrays(DAY * np.arange(500), close, close * 1.01, close * 0.99, close)
    cfg = EngineConfig(fill_timing="this_close", fractional_units=True, periods_per_year=252)
    m = run_backtest(data, build_strategy("buy_and_hold", {}), cfg).metrics
    assert m["beta"] == pytest.approx(1.0) and m["alpha"] == pytest.approx(0.0, abs=1e-9)
    assert m["total_return"] == pytest.approx(m["buy_and_hold_return"])
    assert m["exposure_time"] == 1.0 and m["num_trades"] == 0.0
    assert m["sharpe_ci_low"] < m["sharpe_ratio"] < m["sharpe_ci_high"]
