"""Paper runs on worker processes (real nats-server): the bars' events are shared by two ``quant worker``
processes; one is SIGKILLed mid-run, the other takes over from the persisted book. No bar is processed
twice or skipped: the run still equals the engine's backtest of the bars."""

import asyncio
import signal
import time
from contextlib import ExitStack

import pytest

from quant_shared.events.nats_bus import NatsEventBus
from quant_shared.events.settings import EventSettings
from quant_shared.testing import bearer, running_app
from quant_shared.workers.process import worker_env, worker_process
from quant_trading.app import create_app
from quant_trading.models import BacktestConfig
from quant_trading.models.paper_book import PaperBook
from quant_trading.models.paper_equity import PaperEquityPoint
from quant_trading.services.engine_bridge import run_symbol

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


async def processed(run_id: str) -> int:
    book = await PaperBook.find_one({"run_id": run_id})
    return len(book.bars["timestamp"])


async def test_a_killed_worker_hands_its_run_over(trading_app_settings, user_token, workers):
    bars = live_bars(SYMBOLS["AAA"], N)
    bus = NatsEventBus(
        EventSettings(backend="nats", nats_url=workers.nats_url, namespace=workers.namespace, _env_file=None)
    )
    async with running_app(create_app(trading_app_settings)) as client:
        run = await start_run(client, user_token, {**SMA, "symbols": ["AAA"]})
        pair = (
            spawn(trading_app_settings, workers, "paper-b"),
            spawn(trading_app_settings, workers, "paper-a"),
        )
        with ExitStack() as stack:  # both start at once (each loads the engine's compiled code)
            b, a = await asyncio.gather(*(asyncio.to_thread(stack.enter_context, w) for w in pair))
            t0 = time.monotonic()
            for i in range(N):
                await bus.publish_now(event_of("AAA", bars, i, i + 1))
                if i == N // 3:  # one worker dies while bars keep coming
                    for _ in range(200):
                        if await processed(run["id"]) >= 3:
                            break
                        await asyncio.sleep(0.02)
                    a.send_signal(signal.SIGKILL)
                    a.wait(10)
                await asyncio.sleep(0.02)
            for _ in range(600):
                if await processed(run["id"]) == N:
                    break
                await asyncio.sleep(0.05)
            took = time.monotonic() - t0
            survivor_log = "".join(b.output[-30:])
        got = (await client.get(f"/paper-runs/{run['id']}", headers=bearer(user_token))).json()
        fills = await all_items(client, user_token, f"/paper-runs/{run['id']}/fills")
        book = await PaperBook.find_one({"run_id": run["id"]})
        points = await PaperEquityPoint.find({"run_id": run["id"]}).count()
    await bus.close()
    assert book.bars["timestamp"] == bars["timestamp"], survivor_log  # every bar once, in order
    assert points == N
    print(f"{N} bars over two workers, one killed: {took:.1f} s")
    expected = run_symbol("AAA", bars, "sma_crossover", SMA["parameters"], None, BacktestConfig())
    assert got["equity"] == pytest.approx(float(expected.equity[-1]), abs=1e-9)
    entries = [f["price"] for f in fills if f["action"] == "entry"]
    assert entries == pytest.approx([t.entry_price for t in expected.trades], abs=1e-9) and entries
