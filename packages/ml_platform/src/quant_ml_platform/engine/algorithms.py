"""Pluggable registry of learning algorithms: (algorithm, target) -> estimator factory and its parameters.

The factories import scikit-learn when called (~1.5 s of import the platform's start does without).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quant_shared.enums import ModelAlgorithm as A
from quant_shared.enums import PredictionTarget as P

if TYPE_CHECKING:
    from sklearn.base import BaseEstimator
    from sklearn.pipeline import Pipeline

Number = int | float
# hyper-parameter -> (type, default, minimum, maximum)
ParamSpec = dict[str, tuple[type, Number | None, Number, Number]]


@dataclass(frozen=True)
class AlgorithmEntry:
    factory: Callable[[dict[str, Any]], BaseEstimator]
    params: ParamSpec


REGISTRY: dict[tuple[A, P], AlgorithmEntry] = {}


def register(algorithm: A, target: P, params: ParamSpec):
    def wrap(factory: Callable[[dict[str, Any]], BaseEstimator]):
        REGISTRY[(algorithm, target)] = AlgorithmEntry(factory, params)
        return factory

    return wrap


def _scaled(model: BaseEstimator) -> Pipeline:
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    return Pipeline([("scale", StandardScaler()), ("model", model)])


_TREES: ParamSpec = {
    "n_estimators": (int, 100, 10, 500),
    "max_depth": (int, 3, 1, 12),
    "min_samples_leaf": (int, 5, 1, 100),
}
_BOOST: ParamSpec = {
    "n_estimators": (int, 100, 10, 500),
    "max_depth": (int, 2, 1, 8),
    "learning_rate": (float, 0.05, 0.001, 1.0),
}


@register(
    A.LOGISTIC_REGRESSION, P.DIRECTION, {"C": (float, 1.0, 1e-4, 1e4), "max_iter": (int, 500, 50, 5000)}
)
def _logistic(p: dict[str, Any]) -> BaseEstimator:
    from sklearn.linear_model import LogisticRegression

    return _scaled(LogisticRegression(C=p["C"], max_iter=p["max_iter"]))


@register(A.RIDGE_REGRESSION, P.RETURN, {"alpha": (float, 1.0, 0.0, 1e4)})
def _ridge(p: dict[str, Any]) -> BaseEstimator:
    from sklearn.linear_model import Ridge

    return _scaled(Ridge(alpha=p["alpha"]))


@register(A.RANDOM_FOREST, P.DIRECTION, _TREES)
def _rf_clf(p: dict[str, Any]) -> BaseEstimator:
    from sklearn.ensemble import RandomForestClassifier

    return RandomForestClassifier(random_state=0, n_jobs=1, **p)


@register(A.RANDOM_FOREST, P.RETURN, _TREES)
def _rf_reg(p: dict[str, Any]) -> BaseEstimator:
    from sklearn.ensemble import RandomForestRegressor

    return RandomForestRegressor(random_state=0, n_jobs=1, **p)


@register(A.GRADIENT_BOOSTING, P.DIRECTION, _BOOST)
def _gb_clf(p: dict[str, Any]) -> BaseEstimator:
    from sklearn.ensemble import GradientBoostingClassifier

    return GradientBoostingClassifier(random_state=0, **p)


@register(A.GRADIENT_BOOSTING, P.RETURN, _BOOST)
def _gb_reg(p: dict[str, Any]) -> BaseEstimator:
    from sklearn.ensemble import GradientBoostingRegressor

    return GradientBoostingRegressor(random_state=0, **p)


class AlgorithmError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def resolve(algorithm: A, target: P, params: dict[str, Any]) -> tuple[AlgorithmEntry, dict[str, Any]]:
    """The registry entry and validated hyper-parameters (defaults filled in)."""
    entry = REGISTRY.get((algorithm, target))
    if entry is None:
        ok = sorted(a.value for a, t in REGISTRY if t == target)
        raise AlgorithmError("algorithm", f"{algorithm.value} cannot predict {target.value}; use one of {ok}")
    out: dict[str, Any] = {}
    unknown = sorted(set(params) - set(entry.params))
    if unknown:
        raise AlgorithmError(f"params.{unknown[0]}", f"unknown parameter for {algorithm.value}")
    for name, (kind, default, low, high) in entry.params.items():
        value = params.get(name, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or (kind is int and value != int(value))
        ):
            raise AlgorithmError(f"params.{name}", f"must be a {kind.__name__}")
        if not low <= value <= high:
            raise AlgorithmError(f"params.{name}", f"must be between {low} and {high}")
        out[name] = kind(value)
    return entry, out
