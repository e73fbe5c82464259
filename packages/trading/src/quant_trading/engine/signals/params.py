"""Parameter models of the built-in strategy types, with defaults and search ranges.

``range`` in a field's JSON schema is the sensible optimization range ``[low, high, step]``.
"""

from typing import Any

from pydantic import Field

from quant_trading.engine.signals.base import StrategyParams


def _p(default: float, ge: float, le: float, low: float, high: float, step: float, desc: str) -> Any:
    return Field(
        default=default, ge=ge, le=le, description=desc, json_schema_extra={"range": [low, high, step]}
    )


class CrossoverParams(StrategyParams):
    """Long when the fast average crosses above the slow one; short (or flat) on the cross below."""

    constraints = (("fast", "<", "slow"),)
    fast: int = _p(10, 1, 5000, 2, 50, 1, "Fast moving-average period.")
    slow: int = _p(20, 2, 5000, 10, 200, 5, "Slow moving-average period.")


class RsiParams(StrategyParams):
    """Long when RSI falls below ``oversold``; exit (or short) when it rises above ``overbought``."""

    constraints = (("oversold", "<", "overbought"),)
    period: int = _p(14, 2, 500, 5, 30, 1, "RSI period.")
    oversold: float = _p(30, 1, 99, 10, 40, 5, "Buy level.")
    overbought: float = _p(70, 1, 99, 60, 90, 5, "Sell level.")


class BollingerParams(StrategyParams):
    """Breakout: long on a close above the upper band, short on a close below the lower band;
    positions exit when the close crosses back over the middle band."""

    period: int = _p(20, 2, 1000, 10, 60, 5, "Band period.")
    num_std: float = _p(2.0, 0.1, 10, 1.0, 3.0, 0.5, "Band width in standard deviations.")


class MacdParams(StrategyParams):
    """Long when the MACD line crosses above its signal line, short (or flat) on the cross below."""

    constraints = (("fast", "<", "slow"),)
    fast: int = _p(12, 1, 1000, 5, 20, 1, "Fast EMA period.")
    slow: int = _p(26, 2, 1000, 20, 60, 2, "Slow EMA period.")
    signal: int = _p(9, 1, 1000, 5, 15, 1, "Signal EMA period.")


class MomentumParams(StrategyParams):
    """Long while the n-period return exceeds ``threshold``, short (or flat) below ``-threshold``."""

    lookback: int = _p(20, 1, 5000, 5, 120, 5, "Return lookback in bars.")
    threshold: float = _p(0.0, 0, 1, 0.0, 0.05, 0.01, "Minimum absolute return to act.")


class BuyAndHoldParams(StrategyParams):
    """Buy on the first bar and hold to the end."""


class MlSignalParams(StrategyParams):
    """Follows predictions published by the ML platform: buy -> long, sell -> short (or flat), hold -> keep.

    ``predictions`` is either one value per bar (+1/-1/0 or "buy"/"sell"/"hold") or a list of
    ``{"timestamp": epoch ms, "signal": ..., "confidence": ...}``; it usually arrives through the
    build context rather than stored parameters.
    """

    min_confidence: float = _p(0.0, 0, 1, 0.0, 0.9, 0.1, "Ignore predictions below this confidence.")
    hold_exits: bool = Field(default=False, description="Treat 'hold' as 'go flat'.")
    predictions: list[Any] | dict[str, Any] | None = Field(default=None, description="Inline predictions.")
