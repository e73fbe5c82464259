"""Backtest API models: the request other domains use, list/detail views, trades and equity series."""

from datetime import datetime
from typing import Any

from pydantic import AliasChoices, Field, field_validator

from quant_shared.enums import BacktestStatus, DataInterval, StrategyType
from quant_shared.schema import BaseSchema
from quant_trading.models import Backtest, BacktestConfig

SYMBOL_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9.\-_=^/]{0,31}$"


def normalize_symbols(symbols: list[str]) -> list[str]:
    out: list[str] = []
    for symbol in symbols:
        symbol = symbol.strip().upper()
        if symbol not in out:
            out.append(symbol)
    return out


class BacktestCreate(BaseSchema):
    """Run a stored strategy (``strategy_id``), a type with parameters, or an inline rule ``spec``."""

    name: str | None = Field(default=None, max_length=120)
    strategy_id: str | None = Field(default=None, max_length=64)
    strategy_type: StrategyType | None = None
    parameters: dict[str, Any] | None = None
    spec: dict[str, Any] | None = Field(default=None, description="Shared JSON strategy spec (rule-based).")
    ml_model: str | None = Field(default=None, max_length=120, description="ML model for ML signals.")
    symbols: list[str] = Field(min_length=1, max_length=50)
    interval: DataInterval = DataInterval.D1
    start: datetime | None = None
    end: datetime | None = None
    config: BacktestConfig = Field(default_factory=BacktestConfig)
    generate_narrative: bool = Field(default=False, description="Ask the gen-AI domain for a report.")

    @field_validator("symbols")
    @classmethod
    def _symbols(cls, value: list[str]) -> list[str]:
        import re

        for symbol in value:
            if not re.match(SYMBOL_PATTERN, symbol.strip()):
                raise ValueError(f"invalid symbol {symbol!r}")
        return normalize_symbols(value)


class BacktestOut(BaseSchema):
    """One backtest in a list: its status and KPIs; the detail adds the config."""

    # read straight from the stored document with a projection: config, spec and results stay behind
    id: str = Field(validation_alias=AliasChoices("id", "_id"))
    name: str
    strategy_id: str | None = None
    strategy_type: StrategyType
    symbols: list[str]
    interval: DataInterval
    start: datetime | None = None
    end: datetime | None = None
    status: BacktestStatus
    metrics: dict[str, Any] | None = None
    error: str | None = None
    created_at: datetime
    completed_at: datetime | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, value: Any) -> str:
        return str(value)


class BacktestDetail(BacktestOut):
    config: BacktestConfig
    task_id: str | None = None
    owner_id: str
    parameters: dict[str, Any] = Field(default_factory=dict)
    spec: dict[str, Any] | None = None
    ml_model: str | None = None
    generate_narrative: bool = False
    portfolio: dict[str, Any] | None = None

    @classmethod
    def of(cls, bt: Backtest) -> "BacktestDetail":
        return cls(
            **_common(bt),
            config=bt.config,
            task_id=bt.task_id,
            owner_id=bt.owner_id,
            parameters=bt.parameters,
            spec=bt.spec,
            ml_model=bt.ml_model,
            generate_narrative=bt.generate_narrative,
            portfolio=bt.portfolio,
        )


def _common(bt: Backtest) -> dict[str, Any]:
    return {
        "id": str(bt.id),
        "name": bt.name,
        "strategy_id": bt.strategy_id,
        "strategy_type": bt.strategy_type,
        "symbols": bt.symbols,
        "interval": bt.interval,
        "start": bt.start,
        "end": bt.end,
        "status": bt.status,
        "metrics": bt.metrics.as_dict() if bt.metrics else None,
        "error": bt.error,
        "created_at": bt.created_at,
        "completed_at": bt.completed_at,
    }


class EquitySeries(BaseSchema):
    """Parallel arrays; ``timestamp`` in epoch milliseconds, ``drawdown`` as a fraction (<= 0)."""

    timestamp: list[int]
    equity: list[float]
    drawdown: list[float]
