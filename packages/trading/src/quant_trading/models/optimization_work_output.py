"""``OptimizationWorkOutput``: the KPIs of one evaluated ``OptimizationWorkItem`` (same id).

Kept apart from the items so that the items stay small: FerretDB (SQLite) reads every document of a
collection to find the next pending chunk or to complete one, and with each chunk's KPIs stored in
its item a claim on a 40-trial batch went from 4 ms to 16 ms as the outputs accumulated.
"""

from typing import Any

from pydantic import Field

from quant_shared.document import BaseDocument


class OptimizationWorkOutput(BaseDocument):
    run_id: str
    batch: str = Field(description="The coordinator's batch of the chunk.")
    seq: int = Field(description="Position of the chunk in its batch.")
    points: list[dict[str, Any]] = Field(description="Parameter sets of the chunk's trials.")
    outputs: list[dict[str, Any]] = Field(description="KPIs of each trial, in the order of ``points``.")

    class Settings:
        name = "optimization_work_outputs"
