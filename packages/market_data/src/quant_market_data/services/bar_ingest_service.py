"""Bar uploads: validate the whole upload, write it idempotently, then check the series' quality."""

import asyncio
from collections.abc import Iterable, Mapping
from typing import Any

from quant_market_data.engine.bar_validation import validate_rows
from quant_market_data.engine.columns import BarColumns, concat, ms_to_datetime
from quant_market_data.services.bar_store import BarStore
from quant_market_data.services.ingest_events import announce_ingest
from quant_market_data.services.instrument_service import get_instrument
from quant_market_data.services.quality_service import QualityService
from quant_shared.enums import DataInterval
from quant_shared.errors import ValidationProblem
from quant_shared.events.outbox_relay import OutboxRelay

MAX_LISTED_ERRORS = 200


def reject(errors: list[dict[str, Any]], total: int) -> ValidationProblem:
    shown = errors[:MAX_LISTED_ERRORS]
    detail = f"{len(errors)} of {total} rows are invalid; nothing was written: " + "; ".join(
        f"row {e['row']}: {e['message']}" for e in shown[:5]
    )
    return ValidationProblem(detail, errors=shown, invalid_rows=len(errors))


class BarIngestService:
    def __init__(
        self,
        store: BarStore,
        quality: QualityService,
        outbox: OutboxRelay | None = None,
        event_bars_max: int = 5000,
    ) -> None:
        self.store = store
        self.quality = quality
        self.outbox = outbox  # the app's relay: events written here are sent before answering
        self.event_bars_max = event_bars_max  # larger ingests are announced in parts

    async def ingest_rows(
        self,
        symbol: str,
        interval: DataInterval,
        rows: Iterable[Mapping[str, Any]],
        field: str,
        row_base: int = 0,
    ) -> dict[str, Any]:
        rows = list(rows)
        bars, errors = await asyncio.to_thread(validate_rows, rows, interval, field, row_base)
        if errors:
            raise reject(errors, len(rows))
        if len(bars) == 0:
            raise ValidationProblem.field(field, "the upload holds no bars")
        return await self.ingest_bars(symbol, interval, bars)

    async def ingest_bars(
        self, symbol: str, interval: DataInterval, bars: BarColumns, source: str | None = "upload"
    ) -> dict[str, Any]:
        instrument = await get_instrument(symbol)
        counts = await self.store.write(instrument.symbol, interval, bars)
        window = concat(self.store.neighbours, bars)  # a gap before/after the upload shows too
        findings = await self.quality.check_series(instrument.symbol, interval, window)
        before = self.store.neighbours.timestamp < bars.timestamp.min()
        previous = ms_to_datetime(int(self.store.neighbours.timestamp[before][-1])) if before.any() else None
        await announce_ingest(
            instrument.symbol, interval, bars, counts, source, self.event_bars_max, previous
        )
        if self.outbox is not None:
            await self.outbox.send_now()
        return {
            "symbol": instrument.symbol,
            "interval": interval.value,
            "received": len(bars),
            **counts,
            "quality_events": len(findings),
        }
