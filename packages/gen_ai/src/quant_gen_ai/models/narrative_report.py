"""A narrative report of one backtest, or of a paper run's drift from its backtest, with the facts it was
written from and the guard's verdict."""

from typing import Any

from pydantic import Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_gen_ai.llm.types import Usage
from quant_shared.document import OwnedDocument
from quant_shared.enums import LLMProviderKind, NarrativeStatus


class NarrativeReport(OwnedDocument):
    backtest_id: str | None = Field(default=None, description="The backtest narrated (or None).")
    paper_run_id: str | None = Field(
        default=None, description="The paper run whose drift from its backtest is narrated (or None)."
    )
    status: NarrativeStatus = NarrativeStatus.PENDING
    requested_by: str = Field(default="user", description="'user' (API call) or 'event' (BacktestCompleted).")
    facts: dict[str, Any] = Field(default_factory=dict)
    text: str | None = Field(default=None, description="Markdown narrative as written by the model.")
    guard_passed: bool | None = None
    guard_violations: list[dict[str, Any]] = Field(default_factory=list)
    series: dict[str, list] = Field(default_factory=dict, description="timestamp/equity/drawdown for charts.")
    provider: LLMProviderKind | None = None
    model: str | None = None
    prompt_name: str | None = None
    prompt_version: int | None = None
    usage: Usage | None = None
    error: str | None = None

    class Settings:
        name = "narrative_reports"
        use_state_management = False
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("created_at", DESCENDING)], name="narratives_by_owner"),
            IndexModel([("backtest_id", ASCENDING)], name="narratives_by_backtest"),
            IndexModel([("paper_run_id", ASCENDING)], name="narratives_by_paper_run"),
        ]
