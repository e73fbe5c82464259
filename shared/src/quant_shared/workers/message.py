"""What travels on the task queue: which Task document to run, with which function and arguments."""

import json
import re
from typing import Any

from pydantic import BaseModel, Field, field_validator

FN_REF = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$")


class TaskMessage(BaseModel):
    task_id: str
    fn: str = Field(description="Importable 'package.module:function'.")
    args: dict[str, Any] = Field(default_factory=dict, description="JSON keyword arguments of the function.")
    max_attempts: int = Field(default=3, ge=1)
    on_failure: str | None = Field(
        default=None, description="'package.module:function' called as fn(ctx, reason, **args) when it fails."
    )

    @field_validator("fn", "on_failure")
    @classmethod
    def _importable_name(cls, value: str | None) -> str | None:
        if value is not None and not FN_REF.match(value):
            raise ValueError("must be 'package.module:function'")
        return value

    @field_validator("args")
    @classmethod
    def _json(cls, value: dict[str, Any]) -> dict[str, Any]:
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"arguments must be JSON: {exc}") from exc
        return value
