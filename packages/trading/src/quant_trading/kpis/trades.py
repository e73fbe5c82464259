"""Trade statistics from closed trades' PnL (cash), returns (fractions) and durations (bars)."""

import numpy as np


def win_rate(pnl: np.ndarray) -> float:
    p = np.asarray(pnl, dtype=np.float64)
    return float(np.mean(p > 0)) if p.shape[0] else float("nan")


def profit_factor(pnl: np.ndarray) -> float:
    """Gross profit / gross loss."""
    p = np.asarray(pnl, dtype=np.float64)
    loss = -p[p < 0].sum()
    gain = p[p > 0].sum()
    if loss == 0:
        return float("inf") if gain > 0 else float("nan")
    return float(gain / loss)


def expectancy(pnl: np.ndarray) -> float:
    """Expected cash PnL per trade: win_rate * avg_win - loss_rate * avg_loss (= mean PnL)."""
    p = np.asarray(pnl, dtype=np.float64)
    if not p.shape[0]:
        return float("nan")
    wins, losses = p[p > 0], p[p <= 0]
    w = wins.shape[0] / p.shape[0]
    avg_win = wins.mean() if wins.shape[0] else 0.0
    avg_loss = -losses.mean() if losses.shape[0] else 0.0
    return float(w * avg_win - (1 - w) * avg_loss)


def sqn(pnl: np.ndarray) -> float:
    """System quality number: sqrt(N) * mean(PnL) / std(PnL, ddof=1)."""
    p = np.asarray(pnl, dtype=np.float64)
    if p.shape[0] < 2:
        return float("nan")
    sd = np.std(p, ddof=1)
    return float(np.sqrt(p.shape[0]) * p.mean() / sd) if sd > 0 else float("nan")


def trade_stats(pnl: np.ndarray, returns: np.ndarray, durations: np.ndarray) -> dict[str, float]:
    p = np.asarray(pnl, dtype=np.float64)
    r = np.asarray(returns, dtype=np.float64)
    d = np.asarray(durations, dtype=np.float64)
    n = p.shape[0]
    nan = float("nan")
    return {
        "num_trades": float(n),
        "win_rate": win_rate(p),
        "profit_factor": profit_factor(p),
        "expectancy": expectancy(p),
        "avg_trade_pnl": float(p.mean()) if n else nan,
        "avg_trade_return": float(r.mean()) if n else nan,
        "best_trade_return": float(r.max()) if n else nan,
        "worst_trade_return": float(r.min()) if n else nan,
        "avg_trade_duration_bars": float(d.mean()) if n else nan,
        "max_trade_duration_bars": float(d.max()) if n else nan,
        "sqn": sqn(p),
    }
