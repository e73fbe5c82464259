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


class DeploymentMode(StrEnum):
    """How a new deployment serves: the primary, a share of requests, or logged only."""

    ACTIVE = "active"
    CANARY = "canary"
    SHADOW = "shadow"


class ModelAlgorithm(StrEnum):
    LOGISTIC_REGRESSION = "logistic_regression"
    RANDOM_FOREST = "random_forest"
    GRADIENT_BOOSTING = "gradient_boosting"
    RIDGE_REGRESSION = "ridge_regression"


class PredictionTarget(StrEnum):
    DIRECTION = "direction"
    RETURN = "return"


class FeatureTransformation(StrEnum):
    RETURNS = "returns"
    LOG_RETURNS = "log_returns"
    ROLLING_VOLATILITY = "rolling_volatility"
    SMA_RATIO = "sma_ratio"
    EMA_RATIO = "ema_ratio"
    RSI = "rsi"
    MACD = "macd"
    ZSCORE = "zscore"
    VOLUME_CHANGE = "volume_change"
    MOMENTUM = "momentum"
    HIGH_LOW_RANGE = "high_low_range"


class ModelAlias(StrEnum):
    CHAMPION = "champion"
    CHALLENGER = "challenger"


class DeploymentEnvironment(StrEnum):
    STAGING = "staging"
    PRODUCTION = "production"


class ABTestMetric(StrEnum):
    HIT_RATE = "hit_rate"
    STRATEGY_RETURN = "strategy_return"


class BaselineKind(StrEnum):
    MAJORITY_CLASS = "majority_class"
    PERSISTENCE = "persistence"
    BUY_AND_HOLD = "buy_and_hold"


class FairnessGrouping(StrEnum):
    SECTOR = "sector"
    MARKET_CAP = "market_cap"
    REGIME = "regime"
    CUSTOM = "custom"


__all__ = [
    "ModelStatus",
    "ExperimentStatus",
    "DeploymentMode",
    "DeploymentStatus",
    "ModelAlgorithm",
    "PredictionTarget",
    "FeatureTransformation",
    "ModelAlias",
    "DeploymentEnvironment",
    "ABTestMetric",
    "BaselineKind",
    "FairnessGrouping",
]
