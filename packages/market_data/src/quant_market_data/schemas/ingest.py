"""Provider ingestion request."""

from datetime import datetime

from pydantic import Field, field_validator, model_validator

from quant_shared.enums import DataInterval, MarketDataProvider
from quant_shared.schema import BaseSchema
from quant_shared.timeutil import as_utc

MAX_INGEST_BARS = 250_000  # about two years of hourly bars or six months of minute bars (24/7)


class IngestRequest(BaseSchema):
    provider: MarketDataProvider
    symbol: str = Field(min_length=1, max_length=32)
    interval: DataInterval
    start: datetime
    end: datetime

    @field_validator("start", "end")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return as_utc(value)

    @model_validator(mode="after")
    def _range(self) -> "IngestRequest":
        if self.end <= self.start:
            raise ValueError("end must be after start")
        span = (self.end - self.start).total_seconds() / self.interval.seconds
        if span > MAX_INGEST_BARS:
            raise ValueError(
                f"the range holds up to {int(span)} {self.interval.value} bars; one request ingests at most "
                f"{MAX_INGEST_BARS} (split the range)"
            )
        return self
