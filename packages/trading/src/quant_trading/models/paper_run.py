"""``PaperRun``: a strategy run forward on live bars with simulated cash (one ``PaperBook`` per symbol)."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import DataInterval, PaperRunStatus, PaperStopCause, StrategyType
from quant_trading.models.value_types import BacktestConfig


class PaperRisk(BaseModel):
    """Limits checked after every bar; a breach stops the run with its reason."""

    model_config = ConfigDict(extra="forbid")

    max_position_value: float | None = Field(
        default=None, gt=0, allow_inf_nan=False, description="Largest market value of one symbol's position."
    )
    max_daily_loss: float | None = Field(
        default=None, gt=0, allow_inf_nan=False, description="Largest equity loss within one UTC day (cash)."
    )


class PaperRun(OwnedDocument):
    name: str
    strategy_id: str | None = None
    backtest_id: str | None = Field(default=None, description="The backtest whose config this run copies.")
    strategy_type: StrategyType
    parameters: dict[str, Any] = Field(default_factory=dict)
    spec: dict[str, Any] | None = None
    symbols: list[str]
    interval: DataInterval
    start: datetime = Field(
        description="Bars from here on are run (earlier history is replayed at creation)."
    )
    config: BacktestConfig
    risk: PaperRisk = Field(default_factory=PaperRisk)
    status: PaperRunStatus = PaperRunStatus.RUNNING
    stop_cause: PaperStopCause | None = None
    stop_reason: str | None = None
    stopped_at: datetime | None = None

    class Settings:
        name = "paper_runs"
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("created_at", DESCENDING)]),
            IndexModel([("status", ASCENDING), ("interval", ASCENDING), ("symbols", ASCENDING)]),
        ]
