"""What every strategy is: validated parameters plus a vectorized ``targets`` function.

Targets are the desired position after each bar's close: +1 long, -1 short, 0 flat, NaN no change,
+0.5 "exit a long position only", -0.5 "exit a short position only". The engine acts on them at the
next bar's open (or this bar's close); long-only runs read -1 as 0.
"""

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
from numba import njit
from pydantic import BaseModel, ConfigDict

from quant_shared.enums import StrategyType
from quant_trading.engine.data import OHLCV

EXIT_LONG = 0.5
EXIT_SHORT = -0.5


class StrategyParameterError(ValueError):
    """Bad strategy parameters or spec; ``field`` is the dotted path (``parameters.fast``)."""

    def __init__(self, field: str, message: str, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.errors = errors or [{"field": field, "message": message}]


class StrategyParams(BaseModel):
    """Base of the per-type parameter models. ``constraints`` are ``(left, op, right)`` triples."""

    model_config = ConfigDict(extra="forbid")
    constraints: ClassVar[tuple[tuple[str, str, str], ...]] = ()


@dataclass
class Strategy:
    """A built strategy. ``compute`` maps (data, params, context) to the target array."""

    strategy_type: StrategyType
    params: StrategyParams
    compute: Any  # Callable[[OHLCV, StrategyParams, dict], np.ndarray]
    context: dict[str, Any] = field(default_factory=dict)

    def orders(self, data: OHLCV, targets: np.ndarray, config: Any) -> tuple[Any, dict[str, Any]]:
        """The run's config and per-bar order arrays under the strategy's own order rules (a rule
        spec's ``orders``; ``context["orders"]``), else ``config`` unchanged."""
        rules = self.context.get("orders")
        return (config, {}) if rules is None else rules(data, targets, config)

    def targets(self, data: OHLCV) -> np.ndarray:
        out = np.asarray(self.compute(data, self.params, self.context), dtype=np.float64)
        if out.shape != (len(data),):
            raise ValueError(f"strategy produced {out.shape} targets for {len(data)} bars")
        return out

    def signals(self, data: OHLCV) -> tuple[np.ndarray, np.ndarray]:
        """Per bar: +1 buy / -1 sell / 0 hold where the target changes the position, and a strength in [0, 1].

        Strength is the ``strength`` context array when a strategy provides one (ML confidence), else 1.
        """
        tgt = self.targets(data)
        held = _held(tgt)
        prev = np.concatenate(([0.0], held[:-1]))
        signal = np.where(np.isnan(tgt) | (held == prev), 0, np.sign(held - prev)).astype(np.int8)
        strength = self.context.get("strength")
        strength = np.ones(len(data)) if strength is None else np.clip(np.asarray(strength, float), 0, 1)
        return signal, np.where(signal != 0, strength, 0.0)


@njit(cache=True, nogil=True)
def _held(tgt):
    """Forward-fill targets from flat: the position a frictionless run would hold after each bar."""
    out = np.empty(tgt.shape[0])
    cur = 0.0
    for i in range(tgt.shape[0]):
        t = tgt[i]
        if t == EXIT_LONG:
            cur = 0.0 if cur > 0 else cur
        elif t == EXIT_SHORT:
            cur = 0.0 if cur < 0 else cur
        elif not np.isnan(t):
            cur = t
        out[i] = cur
    return out


def entries_exits(
    long_entry: np.ndarray,
    long_exit: np.ndarray | None = None,
    short_entry: np.ndarray | None = None,
    short_exit: np.ndarray | None = None,
) -> np.ndarray:
    """Combine boolean event arrays into targets; entries win over exits on the same bar."""
    tgt = np.full(long_entry.shape[0], np.nan)
    if long_exit is not None:
        tgt[long_exit] = EXIT_LONG
    if short_exit is not None:
        both = long_exit & short_exit if long_exit is not None else np.zeros_like(short_exit)
        tgt[short_exit] = EXIT_SHORT
        tgt[both] = 0.0
    if short_entry is not None:
        tgt[short_entry] = -1.0
    tgt[long_entry] = 1.0
    return tgt
