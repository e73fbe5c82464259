"""The flat KPI dict of a run (JSON-safe: NaN and infinities become None)."""

import math
from typing import Any

import numpy as np

from quant_trading.kpis import bootstrap, probabilistic, returns, trades
from quant_trading.kpis.curve import curve_metrics


def json_safe(values: dict[str, Any]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for key, value in values.items():
        v = float(value) if value is not None else None
        out[key] = v if v is not None and math.isfinite(v) else None
    return out


def compute_metrics(
    equity: np.ndarray,
    ppy: float,
    *,
    initial: float | None = None,
    units: np.ndarray | None = None,
    trade_pnl: np.ndarray | None = None,
    trade_returns: np.ndarray | None = None,
    trade_durations: np.ndarray | None = None,
    benchmark_close: np.ndarray | None = None,
    rf: float = 0.0,
    n_trials: int = 1,
    trial_sharpes: np.ndarray | None = None,
    bootstrap_samples: int = 500,
    seed: int = 7,
) -> dict[str, float | None]:
    """Every KPI of the platform from an equity curve (one value per bar) and optional trade data.
    ``initial``: the value before the first bar (a backtest's initial cash), which start equity, total
    and annualized return and the first drawdown peak count from (None: the first bar's equity)."""
    m, stats = curve_metrics(equity, ppy, units, benchmark_close, rf, initial)  # two compiled passes
    against_benchmark = {k: m.pop(k) for k in ("alpha", "beta", "buy_and_hold_return") if k in m}
    _, skew, kurt, _ = stats
    m.update(
        skewness=skew,
        kurtosis=kurt,
        probabilistic_sharpe_ratio=probabilistic.probabilistic_sharpe_ratio(None, stats=stats),
        deflated_sharpe_ratio=probabilistic.deflated_sharpe_ratio(None, n_trials, trial_sharpes, stats),
        n_trials=n_trials,
        periods_per_year=ppy,
        **against_benchmark,
    )
    empty = np.zeros(0)
    m.update(
        trades.trade_stats(
            empty if trade_pnl is None else trade_pnl,
            empty if trade_returns is None else trade_returns,
            empty if trade_durations is None else trade_durations,
        )
    )
    if bootstrap_samples:
        r = returns.simple_returns(np.asarray(equity, dtype=np.float64))
        m.update(bootstrap.bootstrap_ci(r, ppy, n_resamples=bootstrap_samples, seed=seed))
    return json_safe(m)
