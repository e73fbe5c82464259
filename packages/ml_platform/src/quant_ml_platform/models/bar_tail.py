"""The newest bars the ML platform used per (symbol, interval): what an eager feature refresh starts from.

Bars are market data, not user data: one tail per symbol and interval serves every owner's versions.
"""

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import BaseDocument
from quant_shared.enums import DataInterval


class BarTail(BaseDocument):
    symbol: str
    interval: DataInterval
    size: int = Field(description="Bars kept: the longest look-back asked for plus a margin.")
    bars: dict[str, list] = Field(description="Columnar bars: timestamp (epoch ms, ascending), OHLCV.")
    applied: list[str] = Field(
        default_factory=list, description="Ids of the latest MarketDataIngested events applied (redelivery)."
    )

    class Settings:
        name = "bar_tails"
        indexes = [IndexModel([("symbol", ASCENDING), ("interval", ASCENDING)], unique=True)]
