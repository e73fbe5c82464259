"""``StrategyExecution``: a strategy being evaluated (a backtest, a signal, an optimization trial set)."""

from datetime import datetime
from typing import Any

from pydantic import Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_shared.document import OwnedDocument


class StrategyExecution(OwnedDocument):
    strategy_id: str
    kind: str = Field(description="'backtest', 'signal' or 'optimization'.")
    reference_id: str | None = Field(default=None, description="Backtest / optimization run id.")
    symbols: list[str] = Field(default_factory=list)
    executed_at: datetime
    outcome: dict[str, Any] = Field(default_factory=dict)

    class Settings:
        name = "strategy_executions"
        indexes = [IndexModel([("strategy_id", ASCENDING), ("executed_at", DESCENDING)])]
