"""Beanie documents of the market-data domain, and ``DOCUMENTS``, the list registered with Beanie."""

from quant_market_data.models.bar_bucket import BarBucket
from quant_market_data.models.bar_series import BarSeries
from quant_market_data.models.fundamental import Fundamental
from quant_market_data.models.instrument import Instrument
from quant_market_data.models.live_schedule import LiveSchedule
from quant_market_data.models.quality_event import DataQualityEvent

DOCUMENTS: list = [Instrument, BarSeries, BarBucket, Fundamental, DataQualityEvent, LiveSchedule]

__all__ = [
    "DOCUMENTS",
    "BarBucket",
    "BarSeries",
    "DataQualityEvent",
    "Fundamental",
    "Instrument",
    "LiveSchedule",
]
