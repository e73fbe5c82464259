"""Turning model outputs into trading signals with a confidence."""

import hashlib
import math

from quant_shared.enums import PredictionTarget, SignalType

BUY_ABOVE = 0.55  # probability of an up move
SELL_BELOW = 0.45
RETURN_BAND = 0.001  # predicted next return beyond +-0.1 % is a buy / sell
RETURN_SCALE = 0.01


def to_signal(prediction: float, target: PredictionTarget) -> tuple[SignalType, float]:
    """Direction models: buy above 0.55, sell below 0.45, confidence = probability of the called side.

    Return models: buy / sell beyond +-0.1 %, confidence grows with the size of the predicted move.
    """
    if target == PredictionTarget.DIRECTION:
        signal = (
            SignalType.BUY
            if prediction >= BUY_ABOVE
            else SignalType.SELL
            if prediction <= SELL_BELOW
            else SignalType.HOLD
        )
        return signal, float(max(prediction, 1 - prediction))
    signal = (
        SignalType.BUY
        if prediction > RETURN_BAND
        else SignalType.SELL
        if prediction < -RETURN_BAND
        else SignalType.HOLD
    )
    return signal, float(0.5 + 0.5 * math.tanh(abs(prediction) / RETURN_SCALE))


def routing_bucket(key: str) -> float:
    """A stable number in [0, 100) for a routing key: the same key always lands on the same side."""
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 10000 / 100
