"""``OptimizationWorkItem``: a few trials of a batch, claimed by whichever process of the run is free.

When optimisations run on worker processes, a run's coordinator posts each batch of trials here in
chunks, and its helper tasks (on other workers) and the coordinator itself claim one chunk at a time
(an ``OptimizationWorkClaim``). Its KPIs, once evaluated, are an ``OptimizationWorkOutput`` of the
same id. Items live only while their batch runs; they belong to the run, not to a user.
"""

from typing import Any

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import BaseDocument


class OptimizationWorkItem(BaseDocument):
    run_id: str
    batch: str = Field(description="The coordinator's batch this trial belongs to.")
    seq: int = Field(description="Position of the chunk in its batch.")
    points: list[dict[str, Any]] = Field(description="Parameter sets of the chunk's trials.")
    lo: int = Field(default=0, description="First bar of the evaluation window.")
    hi: int | None = Field(default=None, description="End of the window (exclusive); None: the last bar.")
    generation: int = Field(default=0, description="Times the item was taken back from a lost claimant.")

    class Settings:
        name = "optimization_work_items"
        indexes = [IndexModel([("run_id", ASCENDING), ("seq", ASCENDING)])]
