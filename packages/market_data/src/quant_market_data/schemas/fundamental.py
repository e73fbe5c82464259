"""Fundamental figures models."""

from datetime import date

from pydantic import Field

from quant_shared.enums import FundamentalPeriod
from quant_shared.schema import BaseSchema


class FundamentalIn(BaseSchema):
    period: FundamentalPeriod
    fiscal_date: date
    currency: str = Field(default="USD", min_length=3, max_length=5)
    revenue: float | None = None
    net_income: float | None = None
    eps: float | None = None
    book_value: float | None = None
    shares_outstanding: float | None = Field(default=None, ge=0)
    market_cap: float | None = Field(default=None, ge=0)
    pe_ratio: float | None = None
    pb_ratio: float | None = None
    dividend_yield: float | None = Field(default=None, ge=0)


class FundamentalOut(FundamentalIn):
    symbol: str


class FundamentalUpload(BaseSchema):
    items: list[FundamentalIn] = Field(min_length=1, max_length=10_000)


class FundamentalUploadResult(BaseSchema):
    symbol: str
    received: int
    inserted: int
    updated: int
    quality_events: int = Field(description="Quality findings on the symbol's series after the upload.")
