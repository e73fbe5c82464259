"""A training run: data, algorithm, walk-forward metrics, lineage and the strategy it serves."""

from datetime import datetime
from typing import Any

from beanie import PydanticObjectId
from pydantic import Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import DataInterval, ExperimentStatus, ModelAlgorithm, PredictionTarget
from quant_shared.events.outbox import OutboxMixin


class ModelExperiment(OutboxMixin, OwnedDocument):
    name: str
    status: ExperimentStatus = ExperimentStatus.PENDING
    algorithm: ModelAlgorithm
    target: PredictionTarget
    params: dict[str, Any] = Field(default_factory=dict)
    symbols: list[str]
    interval: DataInterval
    start: datetime | None = None
    end: datetime | None = None
    n_splits: int
    feature_refs: list[str] = Field(
        description="`name@version` of each feature, in the model's column order."
    )
    feature_version_ids: list[PydanticObjectId]
    strategy_id: str | None = Field(
        default=None, description="Trading strategy this experiment serves (checked to be the owner's)."
    )
    n_samples: int = 0
    train_up_rate: float = Field(default=0.5, description="Share of up moves in the training rows.")
    metrics: dict[str, Any] = Field(default_factory=dict)
    trading: dict[str, Any] = Field(default_factory=dict)
    folds: list[dict[str, Any]] = Field(default_factory=list)
    reference: dict[str, list] = Field(default_factory=dict, description="Trained model's last predictions.")
    artifact_id: PydanticObjectId | None = None
    task_id: str | None = None
    error: str | None = None

    class Settings:
        name = "experiments"
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("created_at", DESCENDING)]),
            IndexModel([("owner_id", ASCENDING), ("strategy_id", ASCENDING)]),
        ]
