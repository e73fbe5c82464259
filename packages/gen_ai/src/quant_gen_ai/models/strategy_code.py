"""A strategy built from natural language: the validated spec and its readable rendering (never code)."""

from typing import Any

from pydantic import Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import LLMProviderKind


class StrategyCode(OwnedDocument):
    name: str
    request_text: str
    spec: dict[str, Any] = Field(description="The shared JSON strategy spec, validated.")
    rendering: str
    provider: LLMProviderKind
    model: str
    prompt_name: str
    prompt_version: int
    trading_strategy_id: str | None = None
    backtest: dict[str, Any] | None = Field(default=None, description="task_id/status_url/resource_id.")
    backtest_error: str | None = None

    class Settings:
        name = "strategy_codes"
        use_state_management = False
        indexes = [IndexModel([("owner_id", ASCENDING), ("created_at", DESCENDING)], name="codes_by_owner")]
