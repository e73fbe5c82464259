"""Returns count from the initial cash; annualized figures from the calendar unless the config says."""

import math

import numpy as np
import pytest
from backtesting.test import EURUSD, GOOG

from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest
from quant_trading.engine.portfolio import run_portfolio_backtest

YEAR_MS = 365.25 * 86_400_000
FX = OHLCV.from_dataframe(EURUSD)


def test_total_return_counts_from_the_initial_cash_not_the_first_close():
    # trade_on_close buys at bar 0's close: its 1 % commission is in bar 0's equity already
    config = EngineConfig(trade_on_close=True, commission=0.01, fractional_units=True)
    data = OHLCV.from_dataframe(GOOG)
    out = run_backtest(data, build_strategy("buy_and_hold", {}), config)
    m = out.metrics
    assert out.equity[0] < 10_000 * 0.995
    assert m["start_equity"] == 10_000
    assert m["total_return"] == pytest.approx(out.final_equity / 10_000 - 1, rel=1e-12)
    cagr = (out.final_equity / 10_000) ** (1 / data.years()) - 1
    assert m["annualized_return"] == pytest.approx(cagr, rel=1e-9)
    assert m["max_drawdown"] == pytest.approx(out.drawdown.min(), rel=1e-12)  # the engine's own curve
    assert m["calmar_ratio"] == pytest.approx(cagr / -out.drawdown.min(), rel=1e-9)


def test_a_portfolio_counts_its_first_rebalance_costs():
    stamps = 1_704_067_200_000 + 86_400_000 * np.arange(3)
    closes = np.array([[10.0, 20.0], [11.0, 20.0], [12.0, 21.0]])
    out = run_portfolio_backtest(
        stamps, closes, ["A", "B"], {"A": 0.5, "B": 0.5}, "never", initial_cash=1000, commission=0.01
    )
    assert out.equity[0] == pytest.approx(1000 / 1.01)  # units and their 1 % fees spend the 1000
    assert out.metrics["total_return"] == pytest.approx(out.equity[-1] / 1000 - 1)
    first = 1 / 1.01 - 1
    assert out.drawdown[0] == pytest.approx(first) and out.metrics["max_drawdown"] == pytest.approx(first)
    assert out.metrics["periods_per_year"] == pytest.approx(365.25)  # from the calendar by default


def test_hourly_fx_annualizes_over_its_calendar_time():
    years = (FX.timestamp[-1] - FX.timestamp[0]) / YEAR_MS
    assert years == pytest.approx(0.8056, abs=1e-4)
    assert FX.periods_per_year() == pytest.approx((len(FX) - 1) / years)  # ~6,205, not 24/7's 8,766
    out = run_backtest(
        FX,
        build_strategy("sma_crossover", {"fast": 10, "slow": 30}),
        EngineConfig(fractional_units=True, allow_short=True, commission=0.0002),
    )
    m = out.metrics
    cagr = (out.final_equity / 10_000) ** (1 / years) - 1
    assert m["annualized_return"] == pytest.approx(cagr, rel=1e-9)
    assert m["periods_per_year"] == pytest.approx(FX.periods_per_year())


def test_periods_per_year_from_the_config_wins():
    sma = build_strategy("sma_crossover", {"fast": 10, "slow": 30})
    derived = run_backtest(FX, sma, EngineConfig(fractional_units=True)).metrics
    fixed = run_backtest(FX, sma, EngineConfig(fractional_units=True, periods_per_year=8_766)).metrics
    growth = fixed["total_return"] + 1
    assert fixed["periods_per_year"] == 8_766
    assert fixed["annualized_return"] == pytest.approx(growth ** (8_766 / (len(FX) - 1)) - 1, rel=1e-9)
    ratio = math.sqrt(8_766 / derived["periods_per_year"])
    assert fixed["sharpe_ratio"] == pytest.approx(derived["sharpe_ratio"] * ratio, rel=1e-9)
    assert fixed["annualized_volatility"] == pytest.approx(derived["annualized_volatility"] * ratio)
    with pytest.raises(ValueError, match="periods_per_year"):
        EngineConfig(periods_per_year=0)


def test_daily_stock_bars_come_out_near_252():
    assert OHLCV.from_dataframe(GOOG).periods_per_year() == pytest.approx(252, abs=1)
