"""The one place that turns API-side values into engine calls and engine output into documents."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from quant_shared.enums import StrategyType
from quant_trading.models import BacktestConfig, Position, Trade


@dataclass
class SymbolRun:
    """One symbol's engine run, flattened for storage."""

    symbol: str
    timestamp: np.ndarray
    equity: np.ndarray
    drawdown: np.ndarray
    exposure: np.ndarray
    trades: list[Trade]
    metrics: dict[str, Any]
    positions: list[Position] = field(default_factory=list)


def engine_config(config: BacktestConfig, **overrides: Any):
    from quant_trading.engine import EngineConfig

    return EngineConfig(**{**config.model_dump(), **overrides})


def build(strategy_type: StrategyType, parameters: dict, spec: dict | None, predictions: list | None = None):
    from quant_trading.engine.signals import build_strategy

    context = {"predictions": predictions} if predictions is not None else None
    return build_strategy(strategy_type, parameters, spec, context)


def to_datetime(ms: int) -> datetime:
    return datetime.fromtimestamp(int(ms) / 1000, UTC)


def run_symbol(
    symbol: str,
    columnar: dict[str, list],
    strategy_type: StrategyType,
    parameters: dict[str, Any],
    spec: dict[str, Any] | None,
    config: BacktestConfig,
    predictions: list | None = None,
) -> SymbolRun:
    """Run the engine on one symbol (blocking: call it off the event loop)."""
    from quant_trading.engine import OHLCV, run_backtest

    data = OHLCV.from_columnar(columnar)
    strategy = build(strategy_type, parameters, spec, predictions)
    out = run_backtest(data, strategy, engine_config(config))
    return SymbolRun(
        symbol=symbol,
        timestamp=np.asarray(data.timestamp, dtype=np.int64),
        equity=np.asarray(out.equity, dtype=float),
        drawdown=np.asarray(out.drawdown, dtype=float),
        exposure=np.asarray(out.exposure, dtype=float),
        trades=[],
        metrics=dict(out.metrics),
    )


def combined_metrics(stamps, equity, trades, initial_cash, exposure) -> dict[str, Any]:
    raise NotImplementedError
