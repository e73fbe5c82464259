"""``LiveSchedule``: one series (symbol, interval, provider) kept current by the live poller.

``_id`` is ``SYMBOL|interval|provider``. The poller claims a due schedule by setting ``lease_until``
(one process polls it at a time), appends the closed bars after the last stored one, then sets
``next_poll_at`` and releases the lease.
"""

from datetime import datetime

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import BaseDocument
from quant_shared.enums import DataInterval, MarketDataProvider


class LiveSchedule(BaseDocument):
    id: str  # type: ignore[assignment]  # SYMBOL|interval|provider
    symbol: str
    interval: DataInterval
    provider: MarketDataProvider
    adjusted: bool = Field(default=False, description="Split/dividend-adjusted prices (Yahoo's adjclose).")
    enabled: bool = True
    poll_seconds: float | None = Field(
        default=None, description="Seconds between polls; None: once per bar, just after it closes."
    )
    clock_anchor: datetime = Field(description="Start of the synthetic provider's clock (real time).")
    next_poll_at: datetime
    lease_until: datetime | None = None
    last_bar_time: datetime | None = Field(default=None, description="Newest bar appended.")
    last_polled_at: datetime | None = None
    last_error: str | None = None
    failures: int = Field(default=0, description="Failed polls in a row (back-off).")
    appended: int = Field(default=0, description="Bars appended by this schedule.")

    class Settings:
        name = "live_schedules"
        indexes = [IndexModel([("enabled", ASCENDING), ("next_poll_at", ASCENDING)])]


def schedule_id(symbol: str, interval: DataInterval, provider: MarketDataProvider) -> str:
    return f"{symbol}|{interval.value}|{provider.value}"
