"""A tradable instrument (stock, ETF, crypto pair, ...)."""

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import BaseDocument
from quant_shared.enums import AssetClass, DataSource


class Instrument(BaseDocument):
    symbol: str = Field(description="Platform symbol, e.g. AAPL or BTC-USD.")
    name: str
    asset_class: AssetClass
    exchange: str | None = None
    currency: str = "USD"
    sector: str | None = None
    industry: str | None = None
    base: str | None = Field(default=None, description="Base asset of a crypto/fx pair.")
    quote: str | None = Field(default=None, description="Quote asset of a crypto/fx pair.")
    active: bool = True
    source: DataSource = DataSource.UPLOAD

    class Settings:
        name = "instruments"
        indexes = [
            IndexModel([("symbol", ASCENDING)], unique=True),
            IndexModel([("asset_class", ASCENDING)]),
        ]
