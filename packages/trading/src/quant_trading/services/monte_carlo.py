"""Monte Carlo projection of equity from bootstrapped (block-resampled) historical returns."""

import numpy as np


def bootstrap_paths(
    returns: np.ndarray, horizon: int, simulations: int, block_size: int = 1, seed: int = 0
) -> np.ndarray:
    """``simulations x horizon`` matrix of returns drawn in contiguous blocks from ``returns``."""
    returns = np.asarray(returns, dtype=float)
    n = len(returns)
    if n == 0:
        raise ValueError("no returns to resample")
    block_size = min(block_size, n)
    rng = np.random.default_rng(seed)
    blocks = -(-horizon // block_size)
    starts = rng.integers(0, n - block_size + 1, size=(simulations, blocks))
    idx = (starts[:, :, None] + np.arange(block_size)[None, None, :]).reshape(simulations, -1)
    return returns[idx[:, :horizon]]


def project(
    equity: np.ndarray,
    horizon: int,
    simulations: int,
    percentiles: list[float],
    block_size: int = 1,
    seed: int = 0,
) -> dict:
    """Percentile bands of projected equity, starting at the last equity value (step 0)."""
    equity = np.asarray(equity, dtype=float)
    if len(equity) < 3:
        raise ValueError("the equity curve is too short to resample")
    returns = equity[1:] / equity[:-1] - 1.0
    paths = bootstrap_paths(returns, horizon, simulations, block_size, seed)
    start = float(equity[-1])
    values = start * np.cumprod(1.0 + paths, axis=1)
    values = np.hstack([np.full((simulations, 1), start), values])
    bands = {f"p{p:g}": np.percentile(values, p, axis=0).tolist() for p in percentiles}
    final = values[:, -1]
    return {
        "start_equity": start,
        "bands": bands,
        "final_mean": float(final.mean()),
        "probability_of_loss": float((final < start).mean()),
    }
