"""Multi-asset portfolio backtests: target weights, periodic rebalancing, costs on traded notional.

At the first bar's close the portfolio buys its target weights (fractional units); on every rebalance
bar it trades back to them at the close. Costs are ``(commission + slippage) x |traded notional|`` plus
``commission_fixed`` per asset traded, charged against cash; weights summing below 1 keep the rest in
cash (no interest). Per-asset contribution = the asset's price PnL minus the costs of its trades, so the
contributions add up to the portfolio's total PnL.
"""

from dataclasses import dataclass, field

import numpy as np
from numba import njit

from quant_shared.enums import RebalanceFrequency
from quant_trading.engine.data import OHLCV, periods_per_year_of
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


def align_closes(series: dict[str, OHLCV]) -> tuple[np.ndarray, np.ndarray]:
    """(timestamps common to all symbols, closes matrix [bars, symbols] in the dict's order)."""
    if not series:
        raise ValueError("symbols: at least one symbol is needed")
    common = None
    for data in series.values():
        common = data.timestamp if common is None else np.intersect1d(common, data.timestamp)
    closes = np.column_stack([d.close[np.searchsorted(d.timestamp, common)] for d in series.values()])
    return common, closes


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


@njit(cache=True, nogil=True)
def _simulate(prices, weights, mask, cash0, rate, fixed):
    n, k = prices.shape
    units = np.zeros(k)
    cash = cash0
    equity = np.empty(n)
    held = np.empty((n, k))
    pnl = np.zeros(k)
    costs = np.zeros(k)
    traded = 0.0
    for t in range(n):
        if t > 0:
            pnl += units * (prices[t] - prices[t - 1])
        value = cash + np.sum(units * prices[t])
        if mask[t] and value > 0:
            target = weights * value / prices[t]
            trade = np.abs(target - units) * prices[t]
            cost = trade * rate + fixed * (trade > 1e-12)
            total_cost = np.sum(cost)
            costs += cost
            traded += np.sum(trade)
            units = weights * (value - total_cost) / prices[t]
            cash = value - total_cost - np.sum(units * prices[t])
            value = value - total_cost
        equity[t] = value
        if value > 0:
            held[t] = units * prices[t] / value
        else:
            held[t] = 0.0
    return equity, held, pnl, costs, traded


def run_portfolio_backtest(
    timestamp: np.ndarray,
    closes: np.ndarray,
    symbols: list[str],
    weights: dict[str, float],
    rebalance: RebalanceFrequency | int = RebalanceFrequency.MONTHLY,
    *,
    initial_cash: float = 10_000.0,
    commission: float = 0.0,
    commission_fixed: float = 0.0,
    slippage_bps: float = 0.0,
    periods_per_year: float | None = None,
) -> PortfolioOutput:
    """``periods_per_year``: None derives it from the calendar (``OHLCV.periods_per_year``)."""
    unknown = set(weights) - set(symbols)
    if unknown:
        raise ValueError(f"weights: unknown symbols {sorted(unknown)}")
    w = np.array([float(weights.get(s, 0.0)) for s in symbols])
    if np.any(w < 0) or w.sum() > 1 + 1e-9:
        raise ValueError("weights: must be >= 0 and sum to at most 1")
    prices = np.ascontiguousarray(closes, dtype=np.float64)
    if prices.ndim != 2 or prices.shape != (len(timestamp), len(symbols)) or np.any(prices <= 0):
        raise ValueError("closes: need positive prices shaped (bars, symbols)")
    mask = rebalance_mask(np.asarray(timestamp, dtype=np.int64), rebalance)
    rate = commission + slippage_bps / 10_000.0
    equity, held, pnl, costs, traded = _simulate(
        prices, w, mask, float(initial_cash), rate, float(commission_fixed)
    )
    return PortfolioOutput(
        symbols=list(symbols),
        timestamp=np.asarray(timestamp),
        equity=equity,
        drawdown=drawdown_curve(equity, initial_cash),
        weights=held,
        contribution={s: float(pnl[i] - costs[i]) for i, s in enumerate(symbols)},
        costs={s: float(costs[i]) for i, s in enumerate(symbols)},
        turnover=float(traded / np.mean(equity)) if len(equity) else 0.0,
        rebalance_bars=np.flatnonzero(mask),
        metrics=compute_metrics(
            equity,
            periods_per_year or periods_per_year_of(np.asarray(timestamp, dtype=np.int64)),
            initial=float(initial_cash),
            bootstrap_samples=0,
        ),
    )
