"""Audit log: one record per rendering of a governed prompt."""

from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_shared.document import BaseDocument


class PromptRendering(BaseDocument):
    prompt_name: str
    version: int
    label: str | None = None
    caller_id: str
    purpose: str
    variable_names: list[str] = []

    class Settings:
        name = "prompt_renderings"
        use_state_management = False
        indexes = [
            IndexModel([("prompt_name", ASCENDING), ("created_at", DESCENDING)], name="rendering_by_prompt")
        ]
