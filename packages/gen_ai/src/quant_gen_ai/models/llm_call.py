"""Usage record of one LLM call (tokens, latency, outcome)."""

from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_gen_ai.llm.types import Usage
from quant_shared.document import BaseDocument
from quant_shared.enums import LLMCallStatus, LLMProviderKind


class LLMCall(BaseDocument):
    caller_id: str
    purpose: str
    provider: LLMProviderKind
    model: str
    prompt_name: str
    prompt_version: int
    status: LLMCallStatus
    usage: Usage = Usage()
    latency_ms: float = 0.0
    tool_calls: list[str] = []
    error: str | None = None

    class Settings:
        name = "llm_calls"
        use_state_management = False
        indexes = [
            IndexModel([("caller_id", ASCENDING), ("created_at", DESCENDING)], name="llm_calls_by_caller")
        ]
