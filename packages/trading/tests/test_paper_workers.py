"""A paper run hosted by a ``quant worker`` process (real nats-server): the worker is SIGKILLed mid-run
while bars keep coming, and another process of the domain joining the same durable consumer takes over
from the persisted book. No bar is processed twice or skipped: the run still equals the engine's
backtest of the bars."""

import asyncio
import signal
import time

import pytest
from beanie import PydanticObjectId

from quant_shared.events.nats_bus import NatsEventBus
from quant_shared.events.settings import EventSettings
from quant_shared.testing import bearer, running_app
from quant_shared.workers.process import worker_env, worker_process
from quant_trading.app import create_app
from quant_trading.models import BacktestConfig
from quant_trading.models.paper_book import PaperBook
from quant_trading.models.paper_equity import PaperEquityPoint
from quant_trading.models.paper_run import PaperRun
from quant_trading.services.engine_bridge import run_symbol
from quant_trading.services.paper.paper_bar_store import book_bars
from quant_trading.services.paper.paper_events import on_market_data_ingested
from quant_trading.services.paper.paper_streams import load_books

from .contract_app import SYMBOLS
from .paper_helpers import all_items, event_of, live_bars, start_run

N = 40
SMA = {"strategy_type": "sma_crossover", "parameters": {"fast": 3, "slow": 7}}


def spawn(settings, workers, name: str):
    env = worker_env(settings.mongodb_url, settings.db_prefix, workers)
    env.update(
        QUANT_EVENTS_BACKEND="nats",
        QUANT_EVENTS_NATS_URL=workers.nats_url,
        QUANT_EVENTS_NAMESPACE=workers.namespace,
        QUANT_EVENTS_ACK_WAIT_SECONDS="2",
        QUANT_EVENTS_BACKOFF_SECONDS="[0.1]",
        QUANT_EVENTS_MAX_DELIVER="200",
        QUANT_TRADING_OPTIMIZATION_MAX_WORKERS="1",
    )
    return worker_process(env, name, domains="trading", timeout=120.0)  # start-up loads the engine


async def book_of(run_id: str) -> PaperBook:
    (book,) = await load_books(await PaperRun.get(PydanticObjectId(run_id)))
    return book


async def processed(run_id: str) -> int:
    return (await book_of(run_id)).bar_count


async def test_a_killed_worker_hands_its_run_over(trading_app_settings, user_token, workers):
    bars = live_bars(SYMBOLS["AAA"], N)
    settings = EventSettings(
        backend="nats",
        nats_url=workers.nats_url,
        namespace=workers.namespace,
        ack_wait_seconds=2,
        backoff_seconds=[0.1],
        max_deliver=200,
        _env_file=None,
    )
    bus = NatsEventBus(settings)
    async with running_app(create_app(trading_app_settings)) as client:
        run = await start_run(client, user_token, {**SMA, "symbols": ["AAA"]})
        rescuer = NatsEventBus(settings, PaperBook.get_pymongo_collection().database)
        with spawn(trading_app_settings, workers, "paper-a") as doomed:
            t0 = time.monotonic()
            for i in range(N):
                await bus.publish_now(event_of("AAA", bars, i, i + 1))
                if i == N // 3:  # the worker hosting the run dies while bars keep coming
                    for _ in range(200):
                        if await processed(run["id"]) >= 3:
                            break
                        await asyncio.sleep(0.02)
                    doomed.send_signal(signal.SIGKILL)
                    doomed.wait(10)
                    hosted_by_worker = await processed(run["id"])
                    # another process of the domain takes the consumer over (as an API process does)
                    rescuer.subscribe("MarketDataIngested", "trading.paper_runs", on_market_data_ingested)
                    await rescuer.start()
                await asyncio.sleep(0.02)
            for _ in range(600):
                if await processed(run["id"]) == N:
                    break
                await asyncio.sleep(0.05)
            took = time.monotonic() - t0
            survivor_log = "".join(doomed.output[-30:])
        got = (await client.get(f"/paper-runs/{run['id']}", headers=bearer(user_token))).json()
        fills = await all_items(client, user_token, f"/paper-runs/{run['id']}/fills")
        book = await book_of(run["id"])
        held = await book_bars(book.id, book.cursor)
        points = await PaperEquityPoint.find({"run_id": run["id"]}).count()
    await bus.close()
    await rescuer.close()
    assert 3 <= hosted_by_worker < N
    assert held["timestamp"] == bars["timestamp"] and book.bar_count == N, survivor_log  # each once, in order
    assert points == N
    print(f"{N} bars, the worker killed after {hosted_by_worker}: {took:.1f} s")
    expected = run_symbol("AAA", bars, "sma_crossover", SMA["parameters"], None, BacktestConfig())
    assert got["equity"] == pytest.approx(float(expected.equity[-1]), abs=1e-9)
    entries = [f["price"] for f in fills if f["action"] == "entry"]
    assert entries == pytest.approx([t.entry_price for t in expected.trades], abs=1e-9) and entries
