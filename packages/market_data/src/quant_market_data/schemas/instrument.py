"""Instrument request/response models."""

from pydantic import Field, field_validator

from quant_shared.enums import AssetClass, DataSource
from quant_shared.schema import BaseSchema


class InstrumentOut(BaseSchema):
    symbol: str
    name: str
    asset_class: AssetClass
    exchange: str | None = None
    currency: str
    sector: str | None = None
    industry: str | None = None
    base: str | None = None
    quote: str | None = None
    active: bool
    source: DataSource


class InstrumentIn(BaseSchema):
    symbol: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9.\-_^=]+$")
    name: str = Field(min_length=1, max_length=200)
    asset_class: AssetClass
    exchange: str | None = Field(default=None, max_length=40)
    currency: str = Field(default="USD", min_length=3, max_length=5)
    sector: str | None = Field(default=None, max_length=80)
    industry: str | None = Field(default=None, max_length=120)
    base: str | None = Field(default=None, max_length=16)
    quote: str | None = Field(default=None, max_length=16)
    active: bool = True

    @field_validator("symbol")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()
