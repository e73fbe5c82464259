"""The single source of every str-valued enum of the platform."""

from quant_shared.enums.gen_ai import ChatRole, PromptStatus, ReportFormat
from quant_shared.enums.market_data import (
    AssetClass,
    DataInterval,
    DataQualityCheck,
    FundamentalPeriod,
    MarketRegimeType,
    Severity,
)
from quant_shared.enums.ml import (
    DeploymentStatus,
    ExperimentStatus,
    ModelAlgorithm,
    ModelStatus,
    PredictionTarget,
)
from quant_shared.enums.system import HealthStatus, Role, SortOrder, TaskStatus
from quant_shared.enums.trading import (
    BacktestStatus,
    FillTiming,
    OptimizationMethod,
    OrderSide,
    OrderType,
    PositionSizing,
    SignalType,
    StrategyType,
    TradeType,
)

__all__ = [
    "AssetClass", "BacktestStatus", "ChatRole", "DataInterval", "DataQualityCheck", "DeploymentStatus",
    "ExperimentStatus", "FillTiming", "FundamentalPeriod", "HealthStatus", "MarketRegimeType",
    "ModelAlgorithm", "ModelStatus", "OptimizationMethod", "OrderSide", "OrderType", "PositionSizing",
    "PredictionTarget", "PromptStatus", "ReportFormat", "Role", "Severity", "SignalType", "SortOrder",
    "StrategyType", "TaskStatus", "TradeType",
]
