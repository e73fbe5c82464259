"""Market regime answers (the dashboard's contract)."""

from datetime import datetime

from quant_shared.enums import DataInterval, MarketRegimeType
from quant_shared.schema import BaseSchema


class CurrentRegime(BaseSchema):
    symbol: str
    regime: MarketRegimeType
    probability: float
    as_of: datetime


class RegimePoint(BaseSchema):
    timestamp: datetime
    regime: MarketRegimeType
    probability: float


class RegimeState(BaseSchema):
    regime: MarketRegimeType
    mean_return: float
    volatility: float
    weight: float


class RegimeHistory(BaseSchema):
    symbol: str
    interval: DataInterval
    items: list[RegimePoint]
    states: list[RegimeState]
