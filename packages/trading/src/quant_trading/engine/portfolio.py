"""Multi-asset portfolio backtests: target weights, periodic rebalancing at the close, and the
single-instrument engine's order features that fit a weight portfolio (``portfolio_kernel``).

At the first bar's close the portfolio buys its target weights (fractional units); on every rebalance
bar it trades back to them at the close, each asset to ``weight x`` the equity left after the
rebalance's costs. Buys pay slippage and the ``spread``, sells slippage, both the commission on their
fill and ``commission_fixed`` per asset traded. ``stop_loss_pct`` / ``take_profit_pct`` / trailing stops
act per asset from its last buy price with the engine's intrabar fills; an asset stopped out waits in
cash for the next rebalance. Weights sum to at most 1 / ``margin``; ``maintenance_margin`` liquidates
every holding at a close (a margin call) and equity <= 0 ends the run. Per-asset contribution = the
asset's cash PnL net of its costs, so the contributions add up to the portfolio's total PnL.
"""

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from quant_shared.enums import ExitReason, RebalanceFrequency
from quant_trading.engine.backtest import engine_params, trailing_atr
from quant_trading.engine.config import EngineConfig
from quant_trading.engine.data import OHLCV, periods_per_year_of
from quant_trading.engine.portfolio_kernel import simulate_portfolio
from quant_trading.engine.portfolio_rules import unsupported_settings, weight_vector
from quant_trading.kpis import compute_metrics, drawdown_curve

DAY = 86_400_000


@dataclass
class PortfolioOutput:
    symbols: list[str]
    timestamp: np.ndarray
    equity: np.ndarray
    drawdown: np.ndarray
    weights: np.ndarray  # (bars, assets) weights held after each bar's close
    contribution: dict[str, float]  # cash PnL per asset, net of its costs
    costs: dict[str, float]
    turnover: float  # traded notional / average equity
    rebalance_bars: np.ndarray
    metrics: dict[str, float | None] = field(default_factory=dict)
    exits: dict[str, dict[str, int]] = field(default_factory=dict)  # symbol -> exit reason -> count
    margin_calls: int = 0


def _common(series: dict[str, OHLCV]) -> tuple[np.ndarray, list[np.ndarray]]:
    if not series:
        raise ValueError("symbols: at least one symbol is needed")
    common = None
    for data in series.values():
        common = data.timestamp if common is None else np.intersect1d(common, data.timestamp)
    return common, [np.searchsorted(d.timestamp, common) for d in series.values()]


def align_closes(series: dict[str, OHLCV]) -> tuple[np.ndarray, np.ndarray]:
    """(timestamps common to all symbols, closes matrix [bars, symbols] in the dict's order)."""
    common, rows = _common(series)
    return common, np.column_stack([d.close[r] for d, r in zip(series.values(), rows, strict=True)])


def align_bars(series: dict[str, OHLCV]) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """(common timestamps, (opens, highs, lows, closes) matrices [bars, symbols] in the dict's order)."""
    common, rows = _common(series)
    pairs = list(zip(series.values(), rows, strict=True))
    return common, tuple(np.column_stack([getattr(d, col)[r] for d, r in pairs]) for col in _OHLC)


_OHLC = ("open", "high", "low", "close")


def rebalance_mask(timestamp: np.ndarray, every: RebalanceFrequency | int) -> np.ndarray:
    """True on bar 0 and on the first bar of each new period (or every ``every`` bars)."""
    n = timestamp.shape[0]
    if isinstance(every, int) and not isinstance(every, RebalanceFrequency):
        if every <= 0:
            raise ValueError("rebalance: bar count must be positive")
        return np.arange(n) % every == 0
    freq = RebalanceFrequency(every)
    days = timestamp // DAY
    if freq == RebalanceFrequency.NEVER:
        key = np.zeros(n, dtype=np.int64)
    elif freq == RebalanceFrequency.DAILY:
        key = days
    elif freq == RebalanceFrequency.WEEKLY:
        key = (days + 3) // 7  # weeks starting on Monday (1970-01-01 was a Thursday)
    else:
        dt = timestamp.astype("datetime64[ms]")
        months = dt.astype("datetime64[M]").astype(np.int64)
        key = {RebalanceFrequency.MONTHLY: months, RebalanceFrequency.QUARTERLY: months // 3}.get(
            freq, months // 12
        )
    mask = np.ones(n, dtype=np.bool_)
    mask[1:] = key[1:] != key[:-1]
    return mask


def run_portfolio_backtest(
    timestamp: np.ndarray,
    closes: np.ndarray,
    symbols: list[str],
    weights: dict[str, float],
    rebalance: RebalanceFrequency | int = RebalanceFrequency.MONTHLY,
    *,
    config: EngineConfig | None = None,
    ohlc: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    **settings: Any,
) -> PortfolioOutput:
    """``config``, or ``settings`` (its fields: ``commission=0.001, spread=...``), sets the execution;
    a setting a portfolio cannot honor (``portfolio_rules``) raises ValueError naming it.
    ``ohlc``: (opens, highs, lows) shaped like ``closes`` for the intrabar stop fills and the ATR
    (None: each bar's open, high and low are its close). ``periods_per_year`` None: from the calendar."""
    if config is not None and settings:
        raise ValueError("config: give an EngineConfig or its settings, not both")
    config = config or EngineConfig(**settings)
    bad = unsupported_settings(config)
    if bad:
        raise ValueError(f"{bad[0][0]}: {bad[0][1]}")
    w = weight_vector(weights, symbols, config.margin)
    prices = np.ascontiguousarray(closes, dtype=np.float64)
    if prices.ndim != 2 or prices.shape != (len(timestamp), len(symbols)) or np.any(prices <= 0):
        raise ValueError("closes: need positive prices shaped (bars, symbols)")
    stamps = np.asarray(timestamp, dtype=np.int64)
    bars = [prices] * 3 if ohlc is None else [np.ascontiguousarray(a, dtype=np.float64) for a in ohlc]
    if len(bars) != 3 or any(a.shape != prices.shape for a in bars):
        raise ValueError("ohlc: need (opens, highs, lows) shaped like closes")
    atr = np.empty((0, 0))
    if config.trailing_stop_atr is not None:
        atr = np.column_stack(
            [
                trailing_atr(
                    OHLCV.from_arrays(stamps, *(a[:, j] for a in bars), prices[:, j]), config.atr_period
                )
                for j in range(len(symbols))
            ]
        )
    mask = rebalance_mask(stamps, rebalance)
    params = engine_params(config)
    equity, held, acct, exits, calls, units = simulate_portfolio(
        *bars, prices, w, mask, params, float(config.initial_cash), atr
    )
    reasons = list(ExitReason)
    ppy = config.periods_per_year or periods_per_year_of(stamps)
    metrics = compute_metrics(
        equity, ppy, initial=config.initial_cash, rf=config.risk_free_rate, bootstrap_samples=0
    )
    metrics["margin_calls"] = float(calls)
    return PortfolioOutput(
        symbols=list(symbols),
        timestamp=np.asarray(timestamp),
        equity=equity,
        drawdown=drawdown_curve(equity, config.initial_cash),
        weights=held,
        contribution={s: float(acct[i, 0] + units[i] * prices[-1, i]) for i, s in enumerate(symbols)},
        costs={s: float(acct[i, 1]) for i, s in enumerate(symbols)},
        turnover=float(acct[:, 2].sum() / np.mean(equity)) if len(equity) else 0.0,
        rebalance_bars=np.flatnonzero(mask),
        metrics=metrics,
        exits={
            s: {reasons[r].value: int(exits[i, r]) for r in range(len(reasons)) if exits[i, r]}
            for i, s in enumerate(symbols)
        },
        margin_calls=int(calls),
    )


def run_portfolio_bars(
    series: dict[str, OHLCV],
    weights: dict[str, float],
    rebalance: RebalanceFrequency | int = RebalanceFrequency.MONTHLY,
    config: EngineConfig | None = None,
) -> PortfolioOutput:
    """``run_portfolio_backtest`` on the bars every symbol has (``align_bars``), in ``series`` order."""
    stamps, (opens, highs, lows, closes) = align_bars(series)
    return run_portfolio_backtest(
        stamps,
        closes,
        list(series),
        weights,
        rebalance,
        config=config or EngineConfig(),
        ohlc=(opens, highs, lows),
    )
