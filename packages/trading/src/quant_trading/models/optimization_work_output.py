"""``OptimizationWorkOutput``: the KPIs of one evaluated ``OptimizationWorkItem`` (same id).

Kept apart from the items, and packed as one JSON value: FerretDB (SQLite) reads and parses every
document of a collection a query looks at. With each chunk's KPIs as fields of its item, a claim on
a 40-trial batch went from 4 ms to 16 ms as the outputs accumulated, and a read of the outputs took
~10 ms. Whether a chunk is done is whether its output exists.
"""

from typing import Any

from pydantic import Field

from quant_shared.document import BaseDocument


class OptimizationWorkOutput(BaseDocument):
    run_id: str
    batch: str = Field(description="The coordinator's batch of the chunk.")
    seq: int = Field(description="Position of the chunk in its batch.")
    points: list[dict[str, Any]] = Field(description="Parameter sets of the chunk's trials.")
    outputs: bytes = Field(description="KPIs of each trial (a JSON list), in the order of ``points``.")

    class Settings:
        name = "optimization_work_outputs"
