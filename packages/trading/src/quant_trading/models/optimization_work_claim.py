"""``OptimizationWorkClaim``: the lock that makes one process the claimant of an ``OptimizationWorkItem``.

Its id is ``<item id>:<generation>``; the database's unique ``_id`` lets exactly one insert of it
succeed, which is the claim (see ``trial_claims``). A reclaimed item gets the next generation, so it
can be claimed again.
"""

from datetime import datetime

from beanie import Document
from pydantic import Field


class OptimizationWorkClaim(Document):
    id: str = Field(description="``<item id>:<generation>``.")  # type: ignore[assignment]
    run_id: str
    batch: str
    item: object = Field(description="The claimed item's id.")
    generation: int = 0
    claimed_by: str = Field(description="``host:pid:task`` of the claimant.")
    claimed_at: datetime

    class Settings:
        name = "optimization_work_claims"
