"""A rule spec's order rules applied to a run: the config they override and the per-bar order arrays.

``stop_loss_at`` / ``take_profit_at`` read the named series on each signal bar of their side (+1 for
``long``, -1 for ``short``); NaN there (an indicator still warming up) leaves the config's levels.
``scale_out`` closes its fraction of every open trade on the bars where its condition holds.
"""

from typing import Any

import numpy as np

from quant_shared.enums import OrderType
from quant_shared.strategy_spec import OrderRules, StrategySpec
from quant_trading.engine.config import EngineConfig
from quant_trading.engine.data import OHLCV
from quant_trading.engine.signals.rules import Compiler


def merged_config(config: EngineConfig, rules: OrderRules) -> EngineConfig:
    """``config`` with the rules' settings; a pydantic ``ValidationError`` (a ``ValueError``) names
    what the combination breaks."""
    values = {**config.model_dump(), **rules.settings()}
    if rules.scale_out is not None and OrderType(values["entry_order"]) != OrderType.MARKET:
        raise ValueError("scale_out: partial closes run with market entries only")
    return EngineConfig.model_validate(values)


def _levels(c: Compiler, rules: OrderRules, key: str, targets: np.ndarray) -> np.ndarray | None:
    level = None
    for side, levels in ((1.0, rules.long), (-1.0, rules.short)):
        series = getattr(levels, key) if levels is not None else None
        if series is not None:
            base = np.full(len(targets), np.nan) if level is None else level
            level = np.where(targets == side, c.operand(series), base)
    return level


def apply_orders(
    data: OHLCV, targets: np.ndarray, config: EngineConfig, spec: StrategySpec
) -> tuple[EngineConfig, dict[str, Any]]:
    """The run's config and ``run_targets`` order arrays under the spec's rules."""
    rules = spec.orders
    if rules is None:
        return config, {}
    c = Compiler(data, spec)
    arrays: dict[str, Any] = {}
    for key, name in (("stop_loss_at", "stop_loss"), ("take_profit_at", "take_profit")):
        level = _levels(c, rules, key, targets)
        if level is not None:
            arrays[name] = level
    if rules.scale_out is not None:
        when = c.condition(rules.scale_out.when)
        arrays["close_fraction"] = np.where(when, rules.scale_out.fraction, np.nan)
    return merged_config(config, rules), arrays
