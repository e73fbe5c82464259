"""ML-platform enums."""

from enum import StrEnum


class ModelStatus(StrEnum):
    DRAFT = "draft"
    STAGING = "staging"
    PRODUCTION = "production"
    ARCHIVED = "archived"


class ExperimentStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


class DeploymentStatus(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    CANARY = "canary"
    SHADOW = "shadow"
    INACTIVE = "inactive"
    FAILED = "failed"


class ModelAlgorithm(StrEnum):
    LOGISTIC_REGRESSION = "logistic_regression"
    RANDOM_FOREST = "random_forest"
    GRADIENT_BOOSTING = "gradient_boosting"


class PredictionTarget(StrEnum):
    DIRECTION = "direction"
    RETURN = "return"


__all__ = ["ModelStatus", "ExperimentStatus", "DeploymentStatus", "ModelAlgorithm", "PredictionTarget"]
