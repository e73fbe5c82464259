"""A one-asset portfolio (weight 1 / margin, never rebalanced) equals the single-instrument engine
holding the asset from the first close (``this_close``, fractional units) to 1e-9: costs, spread,
stop-loss / take-profit, trailing stops, margin calls, liquidation and ``finalize_trades``; on GOOG and
on seeded random bars."""

from collections import Counter

import numpy as np
import pytest
from backtesting.test import GOOG

from quant_trading.engine import OHLCV, EngineConfig, run_targets
from quant_trading.engine.portfolio import run_portfolio_backtest

GOOG_BARS = OHLCV.from_dataframe(GOOG.iloc[:300])
FALLING = OHLCV.from_dataframe(GOOG.iloc[300:600])  # a falling stretch: the stop-loss and margin cases
COSTS = {"commission": 0.002, "commission_fixed": 1.5, "slippage_bps": 3.0, "spread": 0.001}
CASES = {
    "costs": COSTS,
    "stop_loss": {**COSTS, "stop_loss_pct": 0.04},
    "take_profit": {**COSTS, "take_profit_pct": 0.1},
    "trailing_pct": {**COSTS, "trailing_stop_pct": 0.05, "finalize_trades": True},
    "trailing_atr": {**COSTS, "trailing_stop_atr": 2.0, "atr_period": 10},
    "maintenance": {"margin": 0.1, "maintenance_margin": 0.08},
    "wiped_out": {"margin": 0.05},
    "finalize": {**COSTS, "finalize_trades": True},
}


def both(data: OHLCV, settings: dict):
    target = np.full(len(data), np.nan)
    target[0] = 1.0
    config = EngineConfig(fill_timing="this_close", fractional_units=True, **settings)
    single = run_targets(data, target, config, metrics=False)
    col = lambda a: a[:, None]  # noqa: E731  (one asset: a column)
    weight = 1.0 / settings.get("margin", 1.0)
    port = run_portfolio_backtest(
        data.timestamp,
        col(data.close),
        ["X"],
        {"X": weight},
        "never",
        ohlc=(col(data.open), col(data.high), col(data.low)),
        **settings,
    )
    return single, port


def assert_equal(single, port) -> None:
    scale = np.maximum(1.0, np.abs(single.equity))
    assert np.max(np.abs(single.equity - port.equity) / scale) <= 1e-9
    reasons = Counter(t.exit_reason.value for t in single.trades)
    assert port.exits["X"] == dict(reasons)
    assert port.margin_calls == single.margin_calls
    total = sum(port.contribution.values())
    if port.equity[-1] > 0:
        assert total == pytest.approx(port.equity[-1] - 10_000, abs=1e-6)
    else:  # wiped out: the contributions also hold the deficit the liquidation left
        assert total <= -10_000


@pytest.mark.parametrize("name", CASES)
def test_one_asset_portfolio_equals_the_single_engine_on_goog(name):
    single, port = both(
        FALLING if name in ("stop_loss", "maintenance", "wiped_out") else GOOG_BARS, CASES[name]
    )
    assert_equal(single, port)
    if name in ("stop_loss", "trailing_pct", "trailing_atr"):
        assert port.exits["X"].get("stop_loss") == 1
    if name == "take_profit":
        assert port.exits["X"] == {"take_profit": 1}
    if name == "maintenance":
        assert port.margin_calls == 1 and port.exits["X"] == {"liquidation": 1}
    if name == "wiped_out":
        assert port.equity[-1] == 0 and port.exits["X"] == {"liquidation": 1}


def random_bars(rng, n: int = 60) -> OHLCV:
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, n)))
    opens = np.concatenate([[100.0], close[:-1]]) * (1 + rng.normal(0, 0.005, n))
    high = np.maximum(opens, close) * (1 + np.abs(rng.normal(0, 0.01, n)))
    low = np.minimum(opens, close) * (1 - np.abs(rng.normal(0, 0.01, n)))
    stamps = 1_704_067_200_000 + 86_400_000 * np.arange(n, dtype=np.int64)
    return OHLCV.from_arrays(stamps, opens, high, low, close)


def random_settings(rng) -> dict:
    pick = lambda *values: values[rng.integers(len(values))]  # noqa: E731
    settings = {
        "commission": pick(0.0, 0.001, 0.004),
        "commission_fixed": pick(0.0, 2.0),
        "slippage_bps": pick(0.0, 5.0),
        "spread": pick(0.0, 0.002),
        "stop_loss_pct": pick(None, None, 0.03, 0.08),
        "take_profit_pct": pick(None, None, 0.05, 0.2),
        "trailing_stop_pct": pick(None, None, None, 0.04),
        "trailing_stop_atr": pick(None, None, None, 2.5),
        "atr_period": 5,
        "finalize_trades": pick(False, True),
    }
    if rng.random() < 0.4:  # leverage: weights of the equity after costs, so the comparison has none
        margin = pick(0.5, 0.1, 0.05)
        settings.update(commission=0.0, commission_fixed=0.0, slippage_bps=0.0, spread=0.0, margin=margin)
        settings["maintenance_margin"] = pick(0.0, margin * 0.6)
    return settings


def test_random_one_asset_portfolios_equal_the_single_engine():
    rng = np.random.default_rng(22)
    exits = Counter()
    for _ in range(40):
        data, settings = random_bars(rng), random_settings(rng)
        single, port = both(data, settings)
        assert_equal(single, port)
        exits.update(port.exits["X"])
    assert exits["stop_loss"] > 5 and exits["take_profit"] > 2 and exits["end_of_data"] > 2
    assert exits["liquidation"] > 0  # a margin call or a wiped-out account
