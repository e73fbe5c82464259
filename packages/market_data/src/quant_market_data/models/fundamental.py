"""Fundamental figures of a company for one fiscal period."""

from datetime import datetime

from pydantic import Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_shared.document import BaseDocument
from quant_shared.enums import FundamentalPeriod


class Fundamental(BaseDocument):
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
