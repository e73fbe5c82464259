"""Provider ingestion request."""

from datetime import datetime

from pydantic import Field, model_validator

from quant_shared.enums import DataInterval, MarketDataProvider
from quant_shared.schema import BaseSchema


class IngestRequest(BaseSchema):
    provider: MarketDataProvider
    symbol: str = Field(min_length=1, max_length=32)
    interval: DataInterval
    start: datetime
    end: datetime

    @model_validator(mode="after")
    def _range(self) -> "IngestRequest":
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self
