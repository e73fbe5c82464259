"""A model version scored against baselines on a held-out period."""

from datetime import datetime
from typing import Any

from beanie import PydanticObjectId
from pydantic import Field

from quant_shared.document import OwnedDocument


class Benchmark(OwnedDocument):
    model_name: str
    version: int
    model_version_id: PydanticObjectId
    symbols: list[str]
    start: datetime
    end: datetime | None = None
    n_samples: int
    model: dict[str, Any] = Field(description="The model's scorecard.")
    baselines: dict[str, dict[str, Any]] = Field(description="baseline kind -> scorecard.")
    beats: dict[str, bool] = Field(description="baseline kind -> model accuracy above it.")

    class Settings:
        name = "benchmarks"
