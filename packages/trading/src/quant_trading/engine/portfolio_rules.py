"""Which execution settings a target-weight portfolio takes, and the checks of its weights.

A portfolio trades market orders at the close to long-only target weights sized by its equity, in
fractional units; the settings that would say otherwise are refused rather than ignored.
"""

from typing import Any

import numpy as np

from quant_shared.enums import FillTiming, OrderType, PositionSizing

# (field, the value a portfolio needs, why): refused when set to anything else
_FIXED: tuple[tuple[str, Any, str], ...] = (
    ("sizing", PositionSizing.FRACTION_OF_EQUITY, "a portfolio is sized by its weights"),
    ("size", 1.0, "a portfolio is sized by its weights"),
    ("backtesting_py_sizing", False, "a portfolio is sized by its weights"),
    ("allow_short", False, "portfolio weights are long-only (>= 0)"),
    ("entry_order", OrderType.MARKET, "a portfolio trades market orders at the close"),
    ("limit_offset_pct", 0.0, "a portfolio trades market orders at the close"),
    ("stop_offset_pct", 0.0, "a portfolio trades market orders at the close"),
    ("order_valid_bars", 0, "a portfolio trades market orders at the close"),
    ("stop_loss_price", None, "one price level cannot fit every asset: use stop_loss_pct"),
    ("take_profit_price", None, "one price level cannot fit every asset: use take_profit_pct"),
    ("pyramiding", 1, "a portfolio holds one position per asset"),
    ("hedging", False, "a portfolio holds one position per asset"),
)
# refused only when given explicitly (their defaults describe single-instrument runs)
_EXPLICIT: tuple[tuple[str, Any, str], ...] = (
    ("fill_timing", FillTiming.THIS_CLOSE, "a portfolio trades at the close (this_close)"),
    ("fractional_units", True, "a portfolio holds fractional units"),
)


def unsupported_settings(config: Any, explicit: set[str] | None = None) -> list[tuple[str, str]]:
    """(field, reason) of each setting of ``config`` (an ``EngineConfig`` or the API's
    ``BacktestConfig``) a portfolio cannot honor; ``explicit``: the fields the caller set
    (default: ``config.model_fields_set``)."""
    given = config.model_fields_set if explicit is None else explicit
    bad = [(name, why) for name, value, why in _FIXED if getattr(config, name, value) != value]
    bad += [
        (name, why)
        for name, value, why in _EXPLICIT
        if name in given and getattr(config, name, value) != value and not _close_shortcut(config, name)
    ]
    return bad


def _close_shortcut(config: Any, name: str) -> bool:
    return name == "fill_timing" and bool(getattr(config, "trade_on_close", False))


def weight_vector(weights: dict[str, float], symbols: list[str], margin: float = 1.0) -> np.ndarray:
    """The weights in ``symbols`` order; >= 0, summing to at most 1 / ``margin`` (the leverage)."""
    unknown = set(weights) - set(symbols)
    if unknown:
        raise ValueError(f"weights: unknown symbols {sorted(unknown)}")
    w = np.array([float(weights.get(s, 0.0)) for s in symbols])
    if np.any(w < 0) or w.sum() > 1.0 / margin + 1e-9:
        limit = "1" if margin == 1.0 else f"1 / margin = {1.0 / margin:g}"
        raise ValueError(f"weights must be >= 0 and sum to at most {limit}")
    return w
