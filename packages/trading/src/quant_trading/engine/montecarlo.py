"""Correlation of constituents and Monte Carlo projection of future equity from bootstrapped returns."""

import numpy as np

from quant_trading.kpis import simple_returns


def correlation_matrix(closes: np.ndarray) -> np.ndarray:
    """Pearson correlation of the bar returns of each column of ``closes`` [bars, assets];
    NaN where an asset's returns are constant."""
    prices = np.asarray(closes, dtype=np.float64)
    if prices.ndim != 2 or prices.shape[0] < 3:
        raise ValueError("closes: need at least 3 bars of a [bars, assets] matrix")
    r = prices[1:] / prices[:-1] - 1.0
    c = r - r.mean(axis=0)
    sd = np.sqrt((c**2).sum(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (c.T @ c) / np.outer(sd, sd)
    return np.clip(out, -1.0, 1.0)


def monte_carlo_projection(
    equity: np.ndarray,
    horizon: int,
    n_paths: int = 1000,
    percentiles: tuple[float, ...] = (5, 25, 50, 75, 95),
    seed: int = 7,
    block: int = 1,
) -> dict:
    """Project ``horizon`` bars ahead from the last equity value by resampling historical bar returns
    in blocks of ``block`` consecutive bars (seeded). Returns the percentile bands per step (index 0 =
    today), the distribution of the final value and the probability of ending below today's value."""
    r = simple_returns(np.asarray(equity, dtype=np.float64))
    if r.shape[0] < 2:
        raise ValueError("equity: need at least 3 points to resample returns")
    if horizon < 1 or n_paths < 1 or n_paths * horizon > 50_000_000:
        raise ValueError("horizon/n_paths: must be positive with n_paths * horizon <= 50,000,000")
    block = max(1, min(int(block), r.shape[0]))
    rng = np.random.default_rng(seed)
    n_blocks = -(-horizon // block)
    starts = rng.integers(0, r.shape[0] - block + 1, size=(n_paths, n_blocks))
    idx = (starts[:, :, None] + np.arange(block)).reshape(n_paths, -1)[:, :horizon]
    growth = np.cumprod(1.0 + r[idx], axis=1)
    start = float(equity[-1])
    paths = np.concatenate([np.ones((n_paths, 1)), growth], axis=1) * start
    bands = np.percentile(paths, percentiles, axis=0)
    final = paths[:, -1]
    return {
        "start_value": start,
        "horizon": horizon,
        "n_paths": n_paths,
        "bands": {f"p{p:g}": bands[i] for i, p in enumerate(percentiles)},
        "mean": paths.mean(axis=0),
        "final_mean": float(final.mean()),
        "final_percentiles": {f"p{p:g}": float(np.percentile(final, p)) for p in percentiles},
        "probability_of_loss": float(np.mean(final < start)),
    }
