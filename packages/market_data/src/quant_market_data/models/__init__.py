"""Beanie documents of the market-data domain."""

from quant_market_data.models.bar import Bar
from quant_market_data.models.fundamental import Fundamental
from quant_market_data.models.instrument import Instrument
from quant_market_data.models.quality_event import DataQualityEvent

__all__ = ["Bar", "DataQualityEvent", "Fundamental", "Instrument"]
