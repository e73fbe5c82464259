"""``OptimizationTrial``: one parameter set evaluated by an optimization run."""

from typing import Any

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument


class OptimizationTrial(OwnedDocument):
    run_id: str
    number: int
    window: int | None = Field(default=None, description="Walk-forward window index, if any.")
    parameters: dict[str, Any]
    value: float | None = Field(default=None, description="Objective value; None when undefined.")
    metrics: dict[str, Any] = Field(default_factory=dict)
    feasible: bool = True

    class Settings:
        name = "optimization_trials"
        indexes = [IndexModel([("run_id", ASCENDING), ("number", ASCENDING)])]
