"""``MarketDataIngested`` -> every running paper run on that symbol and interval processes the new bars.

The event carries the bars (``bar_columns``); an event without them (a very large ingest) is not a
live append and is left alone. Processing is idempotent per bar (``paper_books``), so a redelivered or
replayed event changes nothing, and a late one raises ``BarsMissing`` until the bars before it have
been processed.
"""

import asyncio
import logging

from quant_shared.enums import DataInterval, PaperRunStatus
from quant_shared.events import Event, MarketDataIngested, payload_of
from quant_trading.models.paper_run import PaperRun
from quant_trading.services.paper.paper_books import apply_bars
from quant_trading.services.paper.paper_risk import check_limits

log = logging.getLogger("quant.trading.paper")
CONCURRENT_RUNS = 16  # runs of one symbol stepped at once (database round trips overlap)


def epoch_ms(value) -> int | None:
    return None if value is None else int(value.timestamp() * 1000)


async def on_market_data_ingested(event: Event) -> None:
    payload = payload_of(event)
    assert isinstance(payload, MarketDataIngested)
    if payload.bar_columns is None or len(payload.symbols) != 1:
        return
    try:
        interval = DataInterval(payload.timeframe)
    except ValueError:
        return
    symbol = payload.symbols[0]
    runs = PaperRun.find(
        {"status": PaperRunStatus.RUNNING.value, "interval": interval.value, "symbols": symbol}
    )
    gate = asyncio.Semaphore(CONCURRENT_RUNS)

    async def one(run: PaperRun) -> None:
        async with gate:
            await process_run_bars(run, symbol, payload.bar_columns, epoch_ms(payload.previous_end))

    outcomes = await asyncio.gather(*[one(run) async for run in runs], return_exceptions=True)
    for outcome in outcomes:  # every run had its turn; a failure makes the bus deliver the event again
        if isinstance(outcome, BaseException):
            raise outcome


async def process_run_bars(run: PaperRun, symbol: str, columns: dict, previous_end: int | None) -> int:
    processed = await apply_bars(run, symbol, columns, previous_end)
    if processed:
        cause = await check_limits(run)
        if cause is not None:
            log.info("paper run %s stopped: %s", run.id, cause.value)
    return processed
