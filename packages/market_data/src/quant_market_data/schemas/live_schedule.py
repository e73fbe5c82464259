"""Live-bar schedules: create, update, list rows."""

from datetime import datetime

from pydantic import Field, field_validator

from quant_shared.enums import DataInterval, MarketDataProvider
from quant_shared.schema import BaseSchema


class LiveScheduleCreate(BaseSchema):
    symbol: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9.\-^=]+$")
    interval: DataInterval
    provider: MarketDataProvider = MarketDataProvider.SYNTHETIC
    adjusted: bool = Field(default=False, description="Adjusted prices (Yahoo only).")
    enabled: bool = True
    poll_seconds: float | None = Field(default=None, ge=1, le=86_400)

    @field_validator("symbol")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()


class LiveScheduleUpdate(BaseSchema):
    enabled: bool | None = None
    poll_seconds: float | None = Field(default=None, ge=1, le=86_400)


class LiveScheduleOut(BaseSchema):
    id: str
    symbol: str
    interval: DataInterval
    provider: MarketDataProvider
    adjusted: bool
    enabled: bool
    poll_seconds: float | None
    next_poll_at: datetime
    last_bar_time: datetime | None
    last_polled_at: datetime | None
    last_error: str | None
    failures: int
    appended: int
    created_at: datetime
