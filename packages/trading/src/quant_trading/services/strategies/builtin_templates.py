"""The built-in template library: one template per strategy type, computed from the engine's schemas.

Defaults and search ranges come from each type's parameter schema (``default`` and the ``range``
``[low, high, step]`` the engine declares), so the library never drifts from the engine.
"""

from typing import Any

from beanie import PydanticObjectId

from quant_shared.enums import StrategyType
from quant_trading.engine.signals import parameter_schema
from quant_trading.models import ParameterRange, StrategyTemplate

DESCRIPTIONS = {
    StrategyType.SMA_CROSSOVER: "Long when the fast simple moving average crosses above the slow one.",
    StrategyType.EMA_CROSSOVER: "Long when the fast exponential moving average crosses above the slow one.",
    StrategyType.RSI_MEAN_REVERSION: "Buy oversold RSI, sell overbought RSI.",
    StrategyType.BOLLINGER_BREAKOUT: "Trade closes outside the Bollinger bands, exit at the middle band.",
    StrategyType.MACD: "Long when the MACD line crosses above its signal line.",
    StrategyType.MOMENTUM: "Follow the sign of the n-period return beyond a threshold.",
    StrategyType.BUY_AND_HOLD: "Buy on the first bar and hold: the benchmark of every strategy.",
    StrategyType.ML_SIGNAL: "Follow buy/sell/hold predictions of an ML platform model.",
    StrategyType.RULE_BASED: "Declarative rules: a 10/30 SMA crossover filtered by RSI, as a starting spec.",
}

SAMPLE_SPEC: dict[str, Any] = {
    "version": 1,
    "name": "SMA cross with RSI filter",
    "indicators": [
        {"id": "fast", "kind": "sma", "period": 10},
        {"id": "slow", "kind": "sma", "period": 30},
        {"id": "rsi", "kind": "rsi", "period": 14},
    ],
    "entry_long": {
        "type": "all",
        "conditions": [
            {"type": "cross", "left": "fast", "direction": "above", "right": "slow"},
            {"type": "compare", "left": "rsi", "op": "lt", "right": 70},
        ],
    },
    "exit_long": {"type": "cross", "left": "fast", "direction": "below", "right": "slow"},
}


def ranges_and_defaults(strategy_type: StrategyType) -> tuple[dict[str, ParameterRange], dict[str, Any]]:
    """Numeric parameters with a declared search range, and every parameter's default."""
    schema = parameter_schema(strategy_type)
    defaults = {k: v for k, v in schema["defaults"].items() if v is not None}
    ranges = {
        name: ParameterRange(
            low=r["low"],
            high=r["high"],
            step=r["step"],
            default=defaults.get(name),
            integer=r["type"] == "integer",
        )
        for name, r in schema["ranges"].items()
    }
    return ranges, defaults


def builtin_templates() -> list[StrategyTemplate]:
    out = []
    for strategy_type in StrategyType:
        ranges, defaults = ranges_and_defaults(strategy_type)
        out.append(
            StrategyTemplate(
                id=PydanticObjectId(),  # explicit: never rely on the class-level default across Beanie inits
                builtin=True,
                key=f"builtin:{strategy_type.value}",
                name=strategy_type.value.replace("_", " ").title(),
                description=DESCRIPTIONS[strategy_type],
                strategy_type=strategy_type,
                defaults=defaults,
                parameter_ranges=ranges,
                constraints=parameter_schema(strategy_type)["constraints"],
                spec=SAMPLE_SPEC if strategy_type == StrategyType.RULE_BASED else None,
            )
        )
    return out
