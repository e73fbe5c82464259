"""The live-bar poller: appends each due series' closed bars through the bar store.

Every ``live_tick_seconds`` a background task in each market-data process looks for schedules whose
``next_poll_at`` has come, claims one at a time with a lease (``lease_until``, one compare-and-set),
asks the provider for the closed bars after the last stored bar and ingests them with
``BarIngestService.ingest_bars``: the idempotent bar store, the quality checks on the new bars and
their neighbors, and one ``MarketDataIngested`` event in the outbox for bars that were not stored
before (a poll repeated after a crash writes nothing new and announces nothing).
"""

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from fastapi import FastAPI

from quant_market_data.engine.calendar import interval_ms
from quant_market_data.engine.columns import BarColumns, datetime_to_ms, ms_to_datetime
from quant_market_data.models.live_schedule import LiveSchedule
from quant_market_data.providers.base import ProviderError
from quant_market_data.providers.live import SyntheticClock, http_live_bars, synthetic_live_bars
from quant_market_data.providers.registry import provider_for
from quant_market_data.services.bar_ingest_service import BarIngestService
from quant_market_data.services.bar_store import BarStore
from quant_market_data.services.provider_ingest import ensure_instrument
from quant_market_data.services.quality_service import QualityService
from quant_market_data.settings import MarketDataSettings, market_data_settings
from quant_shared.enums import MarketDataProvider
from quant_shared.timeutil import utcnow

log = logging.getLogger("quant.market_data.live")
SETTLE = timedelta(seconds=2)  # HTTP providers publish a bar a moment after it closes
MAX_BACKOFF_SECONDS = 300.0


class LivePoller:
    def __init__(self, settings: MarketDataSettings, outbox=None) -> None:
        self.settings, self.outbox = settings, outbox

    def clock(self, schedule: LiveSchedule) -> SyntheticClock:
        return SyntheticClock(schedule.clock_anchor, self.settings.live_clock_speed)

    async def claim(self, now: datetime) -> LiveSchedule | None:
        free = {"$or": [{"lease_until": None}, {"lease_until": {"$lt": now}}]}
        doc = await LiveSchedule.get_pymongo_collection().find_one_and_update(
            {"enabled": True, "next_poll_at": {"$lte": now}, **free},
            {"$set": {"lease_until": now + timedelta(seconds=self.settings.live_lease_seconds)}},
        )
        return None if doc is None else LiveSchedule.model_validate(doc)

    async def poll_due(self) -> int:
        """Poll every due schedule once; the bars appended."""
        total = 0
        while (schedule := await self.claim(utcnow())) is not None:
            total += await self.poll(schedule)
        return total

    async def poll(self, schedule: LiveSchedule) -> int:
        real_now = utcnow()
        update: dict = {"lease_until": None, "last_polled_at": real_now}
        appended = 0
        try:
            bars = await self.closed_bars(schedule, real_now)
            if len(bars):
                result = await self.ingest(schedule, bars)
                appended = result.get("inserted", 0)
                update["last_bar_time"] = ms_to_datetime(int(bars.timestamp[-1]))
            update.update(last_error=None, failures=0, next_poll_at=self.next_poll(schedule, real_now, bars))
        except ProviderError as exc:
            failures = schedule.failures + 1
            wait = min((schedule.poll_seconds or 5.0) * 2**failures, MAX_BACKOFF_SECONDS)
            update.update(
                last_error=str(exc), failures=failures, next_poll_at=real_now + timedelta(seconds=wait)
            )
            log.warning("live poll of %s failed: %s", schedule.id, exc)
        await LiveSchedule.get_pymongo_collection().update_one(
            {"_id": schedule.id}, {"$set": update, "$inc": {"appended": appended}}
        )
        return appended

    async def closed_bars(self, schedule: LiveSchedule, real_now: datetime) -> BarColumns:
        step = interval_ms(schedule.interval)
        latest = await BarStore().latest(schedule.symbol, schedule.interval, 1)
        last_ms = datetime_to_ms(latest[0]["timestamp"]) if latest else None
        max_bars = self.settings.live_max_bars_per_poll
        if schedule.provider == MarketDataProvider.SYNTHETIC:
            anchor_ms = datetime_to_ms(schedule.clock_anchor) - step  # live bars start at the anchor
            after = anchor_ms if last_ms is None else max(last_ms, anchor_ms)
            close = float(latest[0]["close"]) if latest else None
            provider = provider_for(schedule.provider, self.settings)
            now = self.clock(schedule).now(real_now)
            return await asyncio.to_thread(
                synthetic_live_bars, provider, schedule.symbol, schedule.interval, after, close, now, max_bars
            )
        provider = provider_for(schedule.provider, self.settings, adjusted=schedule.adjusted)
        backfill = datetime_to_ms(real_now) - step * (self.settings.live_backfill_bars + 1)
        after = backfill if last_ms is None else last_ms
        return await http_live_bars(provider, schedule.symbol, schedule.interval, after, real_now, max_bars)

    async def ingest(self, schedule: LiveSchedule, bars: BarColumns) -> dict:
        provider = provider_for(schedule.provider, self.settings)
        await ensure_instrument(schedule.symbol, provider)
        service = BarIngestService(
            BarStore(),
            QualityService(self.settings),
            self.outbox,
            event_bars_max=self.settings.event_bars_max,
        )
        return await service.ingest_bars(
            schedule.symbol, schedule.interval, bars, source=f"live:{provider.name}"
        )

    def next_poll(self, schedule: LiveSchedule, real_now: datetime, bars: BarColumns) -> datetime:
        if len(bars) == self.settings.live_max_bars_per_poll:
            return real_now  # catching up: poll again at once
        if schedule.poll_seconds:
            return real_now + timedelta(seconds=schedule.poll_seconds)
        step = interval_ms(schedule.interval)
        if schedule.provider == MarketDataProvider.SYNTHETIC:
            clock = self.clock(schedule)
            closes = (datetime_to_ms(clock.now(real_now)) // step + 1) * step
            return clock.real(ms_to_datetime(closes))
        return ms_to_datetime((datetime_to_ms(real_now) // step + 1) * step) + SETTLE


async def run_poller(poller: LivePoller, tick: float, stop: asyncio.Event) -> None:
    """Until ``stop`` is set (a flag, not a cancellation: a database call can swallow a cancel)."""
    while not stop.is_set():
        try:
            await poller.poll_due()
        except Exception:  # noqa: BLE001 - one failed pass must not stop the live series
            log.exception("live poll pass failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), tick)


async def start_live_poller(app: FastAPI) -> None:
    """Start-up hook: the background poller (``QUANT_MARKET_DATA_LIVE_POLL_ENABLED``)."""
    settings = market_data_settings(app)
    if not settings.live_poll_enabled:
        return
    poller = LivePoller(settings, getattr(app.state, "outbox", None))
    app.state.live_poller_stop = stop = asyncio.Event()
    app.state.live_poller = asyncio.create_task(
        run_poller(poller, settings.live_tick_seconds, stop), name="market-data-live-poller"
    )


async def stop_live_poller(app: FastAPI) -> None:
    """Shutdown hook: the pass under way finishes (up to 15 s), then the poller ends."""
    task: asyncio.Task | None = getattr(app.state, "live_poller", None)
    if task is None:
        return
    app.state.live_poller_stop.set()
    try:
        await asyncio.wait_for(asyncio.shield(task), 15.0)
    except TimeoutError:
        task.cancel()
