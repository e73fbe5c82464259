"""Walk-forward training (expanding window, never shuffled) and the final fit on all rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from quant_ml_platform.engine.algorithms import AlgorithmEntry
from quant_ml_platform.engine.dataset import Dataset
from quant_ml_platform.engine.metrics import classification_metrics, regression_metrics, trading_result
from quant_shared.enums import PredictionTarget

if TYPE_CHECKING:  # scikit-learn is imported on first use, not at the platform's start
    from sklearn.base import BaseEstimator


class TrainingError(ValueError):
    """The data cannot train this model (e.g. a fold with a single class)."""


def score(model: BaseEstimator, X: np.ndarray, target: PredictionTarget) -> np.ndarray:
    """Probability of an up move (direction) or the predicted next return (return)."""
    if target == PredictionTarget.DIRECTION:
        proba = model.predict_proba(X)
        classes = list(model.classes_)
        return proba[:, classes.index(1)] if 1 in classes else np.zeros(len(X))
    return model.predict(X).astype(float)


def positions_of(scores: np.ndarray, target: PredictionTarget) -> np.ndarray:
    return (scores > (0.5 if target == PredictionTarget.DIRECTION else 0.0)).astype(float)


def evaluate(y: np.ndarray, scores: np.ndarray, target: PredictionTarget) -> dict[str, Any]:
    if target == PredictionTarget.DIRECTION:
        return classification_metrics(y.astype(int), scores)
    return regression_metrics(y, scores)


@dataclass
class TrainingOutcome:
    model: BaseEstimator
    metrics: dict[str, Any]
    trading: dict[str, float]
    folds: list[dict[str, Any]] = field(default_factory=list)
    reference: dict[str, list] = field(default_factory=dict)


def walk_forward(
    data: Dataset,
    entry: AlgorithmEntry,
    params: dict[str, Any],
    target: PredictionTarget,
    n_splits: int,
    interval: str,
) -> TrainingOutcome:
    """Folds split on distinct bar times, so one bar's symbols never straddle train and test."""
    stamps = np.unique(data.timestamps)
    oof_scores, oof_rows, folds = [], [], []
    from sklearn.model_selection import TimeSeriesSplit

    for k, (train_t, test_t) in enumerate(TimeSeriesSplit(n_splits=n_splits).split(stamps)):
        train = np.isin(data.timestamps, stamps[train_t])
        test = np.isin(data.timestamps, stamps[test_t])
        if target == PredictionTarget.DIRECTION and len(np.unique(data.y[train])) < 2:
            raise TrainingError(f"too few samples: training fold {k + 1} holds a single class")
        model = entry.factory(params).fit(data.X[train], data.y[train])
        scores = score(model, data.X[test], target)
        rows = np.flatnonzero(test)
        folds.append(
            {
                "fold": k + 1,
                "train_rows": int(train.sum()),
                "test_rows": int(test.sum()),
                "train_end": int(stamps[train_t][-1]),
                "test_start": int(stamps[test_t][0]),
                **evaluate(data.y[test], scores, target),
            }
        )
        oof_scores.append(scores)
        oof_rows.append(rows)
    scores, rows = np.concatenate(oof_scores), np.concatenate(oof_rows)
    metrics = evaluate(data.y[rows], scores, target)
    trading = trading_result(
        positions_of(scores, target), data.next_return[rows], data.timestamps[rows], interval
    )
    final = entry.factory(params).fit(data.X, data.y)
    tail = slice(max(0, len(data.y) - 50), len(data.y))
    reference = {
        "timestamps": data.timestamps[tail].tolist(),
        "symbols": data.symbols[tail].tolist(),
        "predictions": score(final, data.X[tail], target).tolist(),
    }
    return TrainingOutcome(final, metrics, trading, folds, reference)
