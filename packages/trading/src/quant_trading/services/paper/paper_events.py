"""``MarketDataIngested`` -> every running paper run on that symbol and interval processes the new bars.

The event carries the bars (``bar_columns``); an event without them (a very large ingest) is not a
live append and is left alone. Processing is idempotent per bar (``paper_books``), so a redelivered or
replayed event changes nothing, and a late one raises ``BarsMissing`` until the bars before it have
been processed.
"""

import logging
from typing import Any

from quant_shared.enums import DataInterval, PaperRunStatus
from quant_shared.events import Event, MarketDataIngested, payload_of
from quant_trading.models.paper_run import PaperRun
from quant_trading.services.paper.paper_books import BarsMissing, apply_symbol_bars
from quant_trading.services.paper.paper_risk import check_limits

log = logging.getLogger("quant.trading.paper")
CACHED_RUNS = 20_000
_parsed: dict[Any, tuple[Any, PaperRun]] = {}  # run id -> (updated_at, the parsed run)


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
    runs = await running_runs(symbol, interval)
    if not runs:
        return
    processed, late = await apply_symbol_bars(
        runs, symbol, payload.bar_columns, epoch_ms(payload.previous_end)
    )
    await check_processed(runs, processed)
    if late:  # after the others: the bus delivers the event again, and only these runs have work left
        raise BarsMissing("; ".join(late))


async def running_runs(symbol: str, interval: DataInterval) -> list[PaperRun]:
    """The running runs on the series, each parsed once per version (``updated_at``) of its document."""
    query = {"status": PaperRunStatus.RUNNING.value, "interval": interval.value, "symbols": symbol}
    runs = []
    async for doc in PaperRun.get_pymongo_collection().find(query):
        cached = _parsed.get(doc["_id"])
        if cached is None or cached[0] != doc.get("updated_at"):
            cached = _parsed[doc["_id"]] = (doc.get("updated_at"), PaperRun.model_validate(doc))
            while len(_parsed) > CACHED_RUNS:
                _parsed.pop(next(iter(_parsed)))
        runs.append(cached[1])
    return runs


async def check_processed(runs: list[PaperRun], processed: dict[str, int]) -> None:
    for run in runs:
        if processed.get(str(run.id)):
            cause = await check_limits(run)
            if cause is not None:
                log.info("paper run %s stopped: %s", run.id, cause.value)


async def process_run_bars(run: PaperRun, symbol: str, columns: dict, previous_end: int | None) -> int:
    """One run's bars (a run's replay at creation); the number processed."""
    processed, late = await apply_symbol_bars([run], symbol, columns, previous_end)
    await check_processed([run], processed)
    if late:
        raise BarsMissing("; ".join(late))
    return processed.get(str(run.id), 0)
