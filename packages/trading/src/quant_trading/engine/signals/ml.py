"""Targets from externally supplied ML predictions (fetched by the API from the ML platform)."""

from typing import Any

import numpy as np

from quant_trading.engine.data import OHLCV
from quant_trading.engine.signals.base import StrategyParameterError
from quant_trading.engine.signals.params import MlSignalParams

_WORDS = {"buy": 1.0, "sell": -1.0, "hold": 0.0, "long": 1.0, "short": -1.0}


def _value(v: Any) -> float:
    if isinstance(v, str):
        key = v.lower().split(".")[-1]
        if key not in _WORDS:
            raise StrategyParameterError("parameters.predictions", f"unknown signal {v!r}")
        return _WORDS[key]
    if v is None:
        return 0.0
    return float(np.sign(float(v)))


def align_predictions(data: OHLCV, predictions: Any) -> tuple[np.ndarray, np.ndarray]:
    """(signal per bar in {-1, 0, +1}, confidence per bar). Timestamped predictions apply to the bar at
    or after their timestamp and persist until the next one (as-of join, never looking ahead)."""
    n = len(data)
    if predictions is None:
        raise StrategyParameterError("parameters.predictions", "ml_signal needs predictions")
    if isinstance(predictions, dict):
        predictions = [{"timestamp": int(k), "signal": v} for k, v in predictions.items()]
    items = list(predictions)
    if items and isinstance(items[0], dict):
        items.sort(key=lambda d: int(d["timestamp"]))
        stamps = np.array([int(d["timestamp"]) for d in items], dtype=np.int64)
        sig = np.array([_value(d.get("signal")) for d in items])
        conf = np.array([float(d.get("confidence", 1.0) or 0.0) for d in items])
        pos = np.searchsorted(stamps, data.timestamp, side="right") - 1
        known = pos >= 0
        out_sig = np.where(known, sig[np.maximum(pos, 0)], 0.0)
        fresh = known & (np.concatenate(([-1], pos[:-1])) != pos)
        out_sig = np.where(fresh, out_sig, np.nan)
        return out_sig, np.where(known, conf[np.maximum(pos, 0)], 0.0)
    if len(items) != n:
        raise StrategyParameterError("parameters.predictions", f"{len(items)} predictions for {n} bars")
    return np.array([_value(v) for v in items]), np.ones(n)


def ml_signal(data: OHLCV, p: MlSignalParams, ctx: dict) -> np.ndarray:
    preds = ctx.get("predictions", p.predictions)
    sig, conf = align_predictions(data, preds)
    ctx["strength"] = conf
    tgt = sig.copy()
    tgt[conf < p.min_confidence] = np.nan
    if not p.hold_exits:
        tgt[tgt == 0.0] = np.nan
    return tgt
