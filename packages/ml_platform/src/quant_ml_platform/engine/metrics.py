"""Model metrics: classification quality and the trading result of following the model's signals."""

import math

import numpy as np

PERIODS_PER_YEAR = {"1m": 98280, "5m": 19656, "15m": 6552, "1h": 1638, "4h": 1512, "1d": 252, "1w": 52}


def classification_metrics(y_true: np.ndarray, proba_up: np.ndarray) -> dict[str, float | None]:
    """Accuracy, precision, recall, F1 of ``proba_up > 0.5``; ROC AUC and log loss of the probabilities."""
    from sklearn import metrics as skm  # scikit-learn is imported on first use, not at start

    pred = (proba_up > 0.5).astype(int)
    both = len(np.unique(y_true)) == 2
    return {
        "accuracy": float(skm.accuracy_score(y_true, pred)),
        "precision": float(skm.precision_score(y_true, pred, zero_division=0)),
        "recall": float(skm.recall_score(y_true, pred, zero_division=0)),
        "f1": float(skm.f1_score(y_true, pred, zero_division=0)),
        "roc_auc": float(skm.roc_auc_score(y_true, proba_up)) if both else None,
        "log_loss": float(skm.log_loss(y_true, np.clip(proba_up, 1e-15, 1 - 1e-15), labels=[0, 1])),
    }


def regression_metrics(y_true: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    from sklearn import metrics as skm

    return {
        "rmse": float(math.sqrt(skm.mean_squared_error(y_true, predicted))),
        "mae": float(skm.mean_absolute_error(y_true, predicted)),
        "r2": float(skm.r2_score(y_true, predicted)) if len(y_true) > 1 else 0.0,
        "direction_accuracy": float(np.mean((predicted > 0) == (y_true > 0))),
    }


def trading_result(
    positions: np.ndarray, next_return: np.ndarray, timestamps: np.ndarray, interval: str
) -> dict[str, float]:
    """Long-flat strategy: hold (1) or stay out (0) for the next period; symbols equally weighted per bar."""
    order = np.argsort(timestamps, kind="stable")
    ts, pos, ret = timestamps[order], positions[order], next_return[order]
    stamps, starts = np.unique(ts, return_index=True)
    per_bar = np.add.reduceat(pos * ret, starts) / np.diff(np.append(starts, len(ts)))
    hold = np.add.reduceat(ret, starts) / np.diff(np.append(starts, len(ts)))
    equity = np.cumprod(1 + per_bar)
    peak = np.maximum.accumulate(equity)
    std = per_bar.std(ddof=1) if len(per_bar) > 1 else 0.0
    annual = PERIODS_PER_YEAR.get(interval, 252)
    return {
        "total_return": float(equity[-1] - 1) if len(equity) else 0.0,
        "buy_and_hold_return": float(np.prod(1 + hold) - 1) if len(hold) else 0.0,
        "sharpe": float(per_bar.mean() / std * math.sqrt(annual)) if std > 0 else 0.0,
        "max_drawdown": float((equity / peak - 1).min()) if len(equity) else 0.0,
        "exposure": float(pos.mean()) if len(pos) else 0.0,
        "periods": int(len(stamps)),
    }
