"""Fundamental figures of a company for one fiscal period; its quality checks run through the shared
data-quality mixin on a symbol's series of one period kind."""

from datetime import datetime
from typing import ClassVar

from pydantic import Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_market_data.engine.fundamental_checks import FUNDAMENTAL_CHECKS
from quant_shared.data_quality import DataQualityMixin
from quant_shared.document import BaseDocument
from quant_shared.enums import FundamentalPeriod


class Fundamental(DataQualityMixin, BaseDocument):
    quality_checks: ClassVar[tuple] = FUNDAMENTAL_CHECKS

    symbol: str
    period: FundamentalPeriod
    fiscal_date: datetime = Field(description="Last day of the fiscal period.")
    currency: str = "USD"
    revenue: float | None = None
    net_income: float | None = None
    eps: float | None = None
    book_value: float | None = None
    shares_outstanding: float | None = None
    market_cap: float | None = None
    pe_ratio: float | None = None
    pb_ratio: float | None = None
    dividend_yield: float | None = None

    class Settings:
        name = "fundamentals"
        indexes = [
            IndexModel(
                [("symbol", ASCENDING), ("period", ASCENDING), ("fiscal_date", DESCENDING)], unique=True
            )
        ]
