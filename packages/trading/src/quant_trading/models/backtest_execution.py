"""``BacktestExecution``: how one backtest run went (timings, bars, worker, outcome)."""

from datetime import datetime

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import BacktestStatus


class BacktestExecution(OwnedDocument):
    backtest_id: str
    task_id: str | None = None
    status: BacktestStatus = BacktestStatus.RUNNING
    bars: dict[str, int] = Field(default_factory=dict, description="Bars fetched per symbol.")
    fetch_seconds: float | None = None
    engine_seconds: float | None = None
    started_at: datetime
    finished_at: datetime | None = None
    error: str | None = None

    class Settings:
        name = "backtest_executions"
        indexes = [IndexModel([("backtest_id", ASCENDING)])]
