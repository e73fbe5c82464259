"""Benchmark baselines on a held-out period: majority class, persistence, buy and hold."""

import numpy as np

from quant_ml_platform.engine.metrics import trading_result


def baseline_positions(kind: str, last_return: np.ndarray, majority_up: bool) -> np.ndarray:
    """Predicted 'up' (1) or not (0) per row."""
    if kind == "majority_class":
        return np.full(len(last_return), 1.0 if majority_up else 0.0)
    if kind == "persistence":
        return (last_return > 0).astype(float)  # tomorrow moves like today
    if kind == "buy_and_hold":
        return np.ones(len(last_return))
    raise ValueError(kind)


def scorecard(
    up_pred: np.ndarray, next_return: np.ndarray, timestamps: np.ndarray, interval: str
) -> dict[str, float]:
    """Hit rate of the up/down call and the long-flat trading result of following it."""
    actual_up = next_return > 0
    return {
        "accuracy": float(np.mean((up_pred > 0.5) == actual_up)),
        **trading_result(up_pred, next_return, timestamps, interval),
    }
