"""The transformation catalog: each transformation's parameters, defaults and bounds."""

import hashlib
import json
from typing import Any

from quant_shared.enums import FeatureTransformation as T

# parameter -> (default, minimum, maximum); every parameter is an integer number of bars
CATALOG: dict[T, dict[str, tuple[int, int, int]]] = {
    T.RETURNS: {"periods": (1, 1, 250)},
    T.LOG_RETURNS: {"periods": (1, 1, 250)},
    T.ROLLING_VOLATILITY: {"window": (20, 2, 250)},
    T.SMA_RATIO: {"window": (20, 2, 250)},
    T.EMA_RATIO: {"span": (20, 2, 250)},
    T.RSI: {"window": (14, 2, 250)},
    T.MACD: {"fast": (12, 2, 100), "slow": (26, 3, 250), "signal": (9, 2, 100)},
    T.ZSCORE: {"window": (20, 2, 250)},
    T.VOLUME_CHANGE: {"periods": (1, 1, 250)},
    T.MOMENTUM: {"window": (10, 1, 250)},
    T.HIGH_LOW_RANGE: {},
}

DESCRIPTIONS: dict[T, str] = {
    T.RETURNS: "close / close[t - periods] - 1",
    T.LOG_RETURNS: "ln(close / close[t - periods])",
    T.ROLLING_VOLATILITY: "standard deviation of 1-bar log returns over `window` bars",
    T.SMA_RATIO: "close / SMA(close, window) - 1",
    T.EMA_RATIO: "close / EMA(close, span) - 1",
    T.RSI: "Wilder's relative strength index over `window` bars (0-100)",
    T.MACD: "MACD histogram (EMA(fast) - EMA(slow) - signal line) divided by close",
    T.ZSCORE: "(close - rolling mean) / rolling standard deviation over `window` bars",
    T.VOLUME_CHANGE: "volume / volume[t - periods] - 1",
    T.MOMENTUM: "close / close[t - window] - 1",
    T.HIGH_LOW_RANGE: "(high - low) / close of the bar",
}


class ParameterError(ValueError):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def normalize_params(transformation: T, params: dict[str, Any]) -> dict[str, int]:
    """Defaults filled in, unknown or out-of-range parameters rejected (``ParameterError``)."""
    spec = CATALOG[transformation]
    unknown = sorted(set(params) - set(spec))
    if unknown:
        raise ParameterError(unknown[0], f"unknown parameter for {transformation.value}")
    out: dict[str, int] = {}
    for name, (default, low, high) in spec.items():
        value = params.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ParameterError(name, "must be an integer")
        if not low <= value <= high:
            raise ParameterError(name, f"must be between {low} and {high}")
        out[name] = value
    if transformation == T.MACD and out["fast"] >= out["slow"]:
        raise ParameterError("fast", "must be smaller than slow")
    return out


def definition_hash(transformation: T, params: dict[str, int], interval: str) -> str:
    """Stable hash of what a feature computes: same definition, same hash."""
    canonical = json.dumps(
        {"transformation": transformation.value, "params": params, "interval": interval}, sort_keys=True
    )
    return hashlib.sha256(canonical.encode()).hexdigest()
