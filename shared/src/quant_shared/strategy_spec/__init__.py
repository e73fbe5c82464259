"""The declarative rule-strategy specification (JSON), produced by users and the gen-AI strategy builder.

A spec names indicators and combines comparisons and crossovers with ``all`` (and) / ``any`` (or) /
``not`` into entry and exit conditions, with optional order rules (``orders``: entry order type,
stop-loss and take-profit as percentages or at indicator levels, trailing stops, size, pyramiding,
scaling out). It is data only: the trading engine compiles it to vectorized signals; no code is ever
executed.
"""

from quant_shared.strategy_spec.conditions import (
    AllOf,
    AnyOf,
    Compare,
    Condition,
    Cross,
    Not,
    Operand,
)
from quant_shared.strategy_spec.orders import OrderRules, ScaleOut, SideLevels
from quant_shared.strategy_spec.spec import IndicatorSpec, StrategySpec

__all__ = [
    "AllOf",
    "AnyOf",
    "Compare",
    "Condition",
    "Cross",
    "IndicatorSpec",
    "Not",
    "Operand",
    "OrderRules",
    "ScaleOut",
    "SideLevels",
    "StrategySpec",
]
