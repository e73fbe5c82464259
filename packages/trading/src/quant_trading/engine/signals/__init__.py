"""Strategies: parameter models, vectorized target functions, the registry and the rule compiler."""

from quant_trading.engine.signals.base import EXIT_LONG, EXIT_SHORT, Strategy, StrategyParameterError
from quant_trading.engine.signals.registry import (
    REGISTRY,
    build_strategy,
    parameter_schema,
    validate_parameters,
    validate_spec,
)

__all__ = [
    "EXIT_LONG",
    "EXIT_SHORT",
    "REGISTRY",
    "Strategy",
    "StrategyParameterError",
    "build_strategy",
    "parameter_schema",
    "validate_parameters",
    "validate_spec",
]
