"""The flat KPI dict of a run (JSON-safe: NaN and infinities become None)."""

import math
from typing import Any

import numpy as np

from quant_trading.kpis import bootstrap, probabilistic, returns, risk, trades


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
    """Every KPI of the platform from an equity curve (one value per bar) and optional trade data."""
    eq = np.asarray(equity, dtype=np.float64)
    r = returns.simple_returns(eq)
    stats = probabilistic.moments(r)
    _, skew, kurt, _ = stats
    ann = returns.annualized_return(eq, ppy)
    mdd = risk.max_drawdown(eq)
    m: dict[str, Any] = {
        "start_equity": eq[0] if eq.shape[0] else math.nan,
        "final_equity": eq[-1] if eq.shape[0] else math.nan,
        "total_return": returns.total_return(eq),
        "annualized_return": ann,
        "annualized_volatility": returns.annualized_volatility(r, ppy),
        "sharpe_ratio": risk.sharpe_ratio(r, ppy, rf),
        "sortino_ratio": risk.sortino_ratio(r, ppy, rf),
        "calmar_ratio": ann / abs(mdd) if mdd < 0 else math.nan,
        "max_drawdown": mdd,
        "max_drawdown_duration_bars": risk.max_drawdown_duration(eq),
        "exposure_time": returns.exposure_time(units) if units is not None else math.nan,
        "skewness": skew,
        "kurtosis": kurt,
        "probabilistic_sharpe_ratio": probabilistic.probabilistic_sharpe_ratio(r, stats=stats),
        "deflated_sharpe_ratio": probabilistic.deflated_sharpe_ratio(r, n_trials, trial_sharpes, stats),
        "n_trials": n_trials,
        "periods_per_year": ppy,
    }
    if benchmark_close is not None and len(benchmark_close) == eq.shape[0]:
        bench = returns.simple_returns(np.asarray(benchmark_close, dtype=np.float64))
        m["alpha"], m["beta"] = risk.alpha_beta(r, bench, ppy, rf)
        m["buy_and_hold_return"] = returns.total_return(np.asarray(benchmark_close, dtype=np.float64))
    empty = np.zeros(0)
    m.update(
        trades.trade_stats(
            empty if trade_pnl is None else trade_pnl,
            empty if trade_returns is None else trade_returns,
            empty if trade_durations is None else trade_durations,
        )
    )
    if bootstrap_samples:
        m.update(bootstrap.bootstrap_ci(r, ppy, n_resamples=bootstrap_samples, seed=seed))
    return json_safe(m)
