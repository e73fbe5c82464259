"""``MarketDataIngested`` -> every running paper run on that symbol and interval processes the new bars.

The event carries the bars (``bar_columns``); an event without them (a very large ingest) is not a
live append and is left alone. Processing is idempotent per bar (``paper_books``), so a redelivered or
replayed event changes nothing, and a late one raises ``BarsMissing`` until the bars before it have
been processed.
"""

import logging
from functools import partial
from typing import Any

from beanie import PydanticObjectId

from quant_shared.enums import DataInterval, PaperRunStatus
from quant_shared.events import Event, MarketDataIngested, payload_of
from quant_trading.models.paper_run import PaperRun
from quant_trading.services.paper import paper_streams as streams
from quant_trading.services.paper.paper_books import BarsMissing, apply_symbol_bars
from quant_trading.services.paper.paper_fills import ms
from quant_trading.services.paper.paper_risk import check_limits

log = logging.getLogger("quant.trading.paper")
CACHED_RUNS = 20_000
_parsed: dict[Any, tuple[Any, PaperRun]] = {}  # run id -> (updated_at, the parsed run)


def epoch_ms(value) -> int | None:
    return None if value is None else ms(value)


async def on_market_data_ingested(event: Event) -> None:
    payload = payload_of(event)
    assert isinstance(payload, MarketDataIngested)
    if payload.bar_columns is None or len(payload.symbols) != 1:
        return
    try:
        interval = DataInterval(payload.timeframe)
    except ValueError:
        return
    symbol, previous_end = payload.symbols[0], epoch_ms(payload.previous_end)
    runs_of = partial(running_runs, symbol, interval)
    runs, processed, late = await apply_symbol_bars(symbol, payload.bar_columns, previous_end, runs_of)
    await check_processed(runs, processed)
    if late:  # after the others: the bus delivers the event again, and only these runs have work left
        raise BarsMissing("; ".join(late))


async def running_runs(symbol: str, interval: DataInterval, fresh: bool) -> tuple[list[PaperRun], tuple]:
    """The running runs whose books are on the series' stream, each parsed once per version
    (``updated_at``) of its document, and the stream: as this process last wrote it unless ``fresh``."""
    sid = streams.stream_id(symbol, interval)
    snapshot = (None if fresh else streams.last_written(sid)) or await streams.read(sid)
    if not snapshot[1]:
        return [], snapshot
    ids = [PydanticObjectId(rid) for rid in snapshot[1]]
    query = {"_id": {"$in": ids}, "status": PaperRunStatus.RUNNING.value}
    collection = PaperRun.get_pymongo_collection()
    versions = {doc["_id"]: doc.get("updated_at") async for doc in collection.find(query, {"updated_at": 1})}
    stale = [i for i, at in versions.items() if i not in _parsed or _parsed[i][0] != at]
    if stale:
        async for doc in collection.find({"_id": {"$in": stale}}):
            _parsed[doc["_id"]] = (doc.get("updated_at"), PaperRun.model_validate(doc))
        while len(_parsed) > CACHED_RUNS:
            _parsed.pop(next(iter(_parsed)))
    return [_parsed[i][1] for i in versions if i in _parsed], snapshot


async def check_processed(runs: list[PaperRun], processed: dict[str, int]) -> None:
    for run in runs:
        if processed.get(str(run.id)):
            cause = await check_limits(run)
            if cause is not None:
                log.info("paper run %s stopped: %s", run.id, cause.value)


async def process_run_bars(run: PaperRun, symbol: str, columns: dict, previous_end: int | None) -> int:
    """One run's bars (a run's replay at creation); the number processed."""

    async def only_this_run(fresh: bool) -> tuple[list[PaperRun], None]:
        return [run], None

    _, processed, late = await apply_symbol_bars(symbol, columns, previous_end, only_this_run)
    await check_processed([run], processed)
    if late:
        raise BarsMissing("; ".join(late))
    return processed.get(str(run.id), 0)
