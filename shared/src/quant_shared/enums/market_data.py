"""Market-data enums."""

from enum import StrEnum


class DataInterval(StrEnum):
    M1 = "1m"
    M5 = "5m"
    M15 = "15m"
    H1 = "1h"
    H4 = "4h"
    D1 = "1d"
    W1 = "1w"

    @property
    def seconds(self) -> int:
        return _SECONDS[self.value]


_SECONDS = {"1m": 60, "5m": 300, "15m": 900, "1h": 3600, "4h": 14400, "1d": 86400, "1w": 604800}


class MarketRegimeType(StrEnum):
    BULL = "bull"
    BEAR = "bear"
    SIDEWAYS = "sideways"
    HIGH_VOLATILITY = "high_volatility"


class AssetClass(StrEnum):
    STOCK = "stock"
    CRYPTO = "crypto"
    ETF = "etf"
    FX = "fx"
    INDEX = "index"


class FundamentalPeriod(StrEnum):
    ANNUAL = "annual"
    QUARTERLY = "quarterly"


class DataQualityCheck(StrEnum):
    GAP = "gap"
    DUPLICATE = "duplicate"
    OHLC_INCONSISTENCY = "ohlc_inconsistency"
    STALE = "stale"
    OUTLIER = "outlier"
    NAN_BURST = "nan_burst"
    CONSTANT = "constant"
    DRIFT = "drift"
    INVALID_VALUE = "invalid_value"


class DataQualityDataset(StrEnum):
    """The kind of data document a quality finding is about."""

    BARS = "bars"
    FUNDAMENTALS = "fundamentals"
    FEATURE_VALUES = "feature_values"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    CRITICAL = "critical"


class DataSource(StrEnum):
    """Where a series came from; ``synthetic`` data is generated, never real prices."""

    SYNTHETIC = "synthetic"
    BINANCE = "binance"
    YAHOO = "yahoo"
    UPLOAD = "upload"


class MarketDataProvider(StrEnum):
    """Providers ``POST /market-data/ingest`` can pull from."""

    SYNTHETIC = "synthetic"
    BINANCE = "binance"
    YAHOO = "yahoo"


__all__ = [
    "DataInterval",
    "MarketRegimeType",
    "AssetClass",
    "FundamentalPeriod",
    "DataQualityCheck",
    "DataQualityDataset",
    "Severity",
    "DataSource",
    "MarketDataProvider",
]
