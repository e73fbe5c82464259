"""Startup hook: seed the synthetic demo universe when no bars exist (``QUANT_MARKET_DATA_SEED_DEMO``)."""

import logging
import time
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI

from quant_market_data.models import Instrument
from quant_market_data.providers.demo_universe import DEMO_INSTRUMENTS
from quant_market_data.providers.synthetic import SyntheticProvider
from quant_market_data.services.bar_store import BarStore
from quant_market_data.settings import MarketDataSettings, market_data_settings
from quant_shared.enums import DataInterval, DataSource

log = logging.getLogger("quant.market_data.seed")
DAILY_HISTORY = timedelta(days=3 * 365)
HOURLY_HISTORY = timedelta(days=90)


async def seed_demo_universe(
    settings: MarketDataSettings, now: datetime | None = None, empty: bool = False
) -> dict[str, int]:
    """Instruments (``source="synthetic"``) plus 3 years of 1d and 90 days of 1h synthetic bars;
    ``empty`` says no bars are stored yet (the writes then skip reading what is stored)."""
    now = now or datetime.now(UTC)
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    this_hour = now.replace(minute=0, second=0, microsecond=0)
    provider = SyntheticProvider(settings.seed)
    store = BarStore()
    counts = {"instruments": 0, "bars": 0}
    for spec in DEMO_INSTRUMENTS:
        if await Instrument.find_one({"symbol": spec["symbol"]}) is None:
            await Instrument(**spec, source=DataSource.SYNTHETIC).insert()
            counts["instruments"] += 1
        for interval, start, end in (
            (DataInterval.D1, today - DAILY_HISTORY, today),
            (DataInterval.H1, this_hour - HOURLY_HISTORY, this_hour),
        ):
            bars = provider.generate(spec["symbol"], interval, start, end)
            written = await store.write(spec["symbol"], interval, bars, known_new=empty)
            counts["bars"] += written["inserted"]
    return counts


async def seed_on_startup(app: FastAPI) -> None:
    settings = market_data_settings(app)
    if not settings.seed_demo or not await BarStore().is_empty():
        return
    began = time.perf_counter()
    counts = await seed_demo_universe(settings, empty=True)
    log.info("seeded the synthetic demo universe: %s in %.1fs", counts, time.perf_counter() - began)
