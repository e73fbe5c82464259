"""Benchmark: one process hosting many paper runs on 1-second synthetic bars.

Run from the workspace root:
  PYTHONPATH=packages/trading hatch run python -m bench.paper_runs [--runs 50,100,200] [--ticks 10]
    [--symbols 10] [--history 200] [--period 1.0] [--mongodb-url URL]

It starts its own FerretDB (or uses ``--mongodb-url``), stores ``runs`` paper runs (SMA 10/30, spread
over ``symbols`` symbols) whose books already hold ``history`` bars, then every ``period`` seconds
appends one synthetic bar per symbol through the handler the events reach
(``paper_events.on_market_data_ingested``), the symbols one after another as their events would come.
The first tick, whose steps read every book's bars back from the database (as after a restart), is
timed on its own; over the ``ticks`` after it, per run: the latency from the bar's append (the tick's
start) to its step persisted (fills, equity point, book state). A tick is kept up with when every run has
processed its bar before the next tick. Resident memory per run: the process's RSS growth over the
hosted runs, divided by their number.
"""

import argparse
import asyncio
import resource
import time
import uuid
from contextlib import ExitStack

import numpy as np

from quant_shared.database import init_database
from quant_shared.events import MarketDataIngested, make_event
from quant_shared.settings import Settings
from quant_shared.timeutil import utcnow
from quant_shared.workers.bench import servers
from quant_trading.models import DOCUMENTS, BacktestConfig
from quant_trading.models.paper_book import PaperBook, book_id
from quant_trading.models.paper_run import PaperRun
from quant_trading.services.engine_bridge import to_datetime
from quant_trading.services.paper import paper_bar_store, paper_streams
from quant_trading.services.paper.paper_events import on_market_data_ingested
from quant_trading.services.paper.paper_step import engine_run

COLUMNS = ("timestamp", "open", "high", "low", "close", "volume")


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Market:
    def __init__(self, symbols: int, history: int, seed: int = 7) -> None:
        self.rng = np.random.default_rng(seed)
        self.t = 1_704_067_200_000
        self.close = {f"SYN{i}": 100.0 for i in range(symbols)}
        self.history = {s: self.bars(s, history) for s in self.close}

    def bars(self, symbol: str, n: int) -> dict[str, list]:
        out = {c: [] for c in COLUMNS}
        for i in range(n):
            c0 = self.close[symbol]
            c1 = c0 * float(np.exp(self.rng.normal(0, 0.002)))
            out["timestamp"].append(self.t + i * 1000)
            out["open"].append(c0)
            out["high"].append(max(c0, c1) * 1.0005)
            out["low"].append(min(c0, c1) * 0.9995)
            out["close"].append(c1)
            out["volume"].append(1000.0)
            self.close[symbol] = c1
        return out


async def host(runs: int, symbols: int, history: int, ticks: int, period: float) -> dict:
    market = Market(symbols, history)
    strategy = {"strategy_type": "sma_crossover", "parameters": {"fast": 10, "slow": 30}, "spec": None}
    engine_run("SYN0", market.history["SYN0"], strategy, BacktestConfig())  # compiled before measuring
    before = rss_mb()
    names = list(market.close)
    for k in range(runs):
        symbol = names[k % symbols]
        run = PaperRun(
            owner_id="bench",
            name=f"bench {k}",
            strategy_type="sma_crossover",
            parameters={"fast": 10, "slow": 30},
            symbols=[symbol],
            interval="1m",
            start=to_datetime(market.t),
            config=BacktestConfig(fractional_units=True),
        )
        await run.insert()
        bars = market.history[symbol]
        book = PaperBook(
            id=book_id(str(run.id), symbol),
            run_id=str(run.id),
            owner_id="bench",
            symbol=symbol,
            initial_cash=10_000.0,
            equity=10_000.0,
            cash=10_000.0,
            day_start_equity=10_000.0,
            bar_count=len(bars["timestamp"]),
            cursor=bars["timestamp"][-1],
        )
        await book.insert()
        await paper_streams.register(run, [book])
        await paper_bar_store.store_bars([(book.id, "bench", bars)])
    latencies, kept, first = [], 0, 0.0
    step_done: dict[str, float] = {}
    original = paper_streams.commit

    async def timed(sid, version, states, known):  # the moment the books' steps are persisted
        moved = await original(sid, version, states, known)
        if moved:
            step_done.update(dict.fromkeys(states, time.perf_counter()))
        return moved

    paper_streams.commit = timed
    market.t += history * 1000
    for tick in range(ticks + 1):  # tick 0: the books' bars are read from the database (cold)
        started = time.perf_counter()
        step_done.clear()
        for symbol in names:
            bar = market.bars(symbol, 1)
            bar["timestamp"] = [market.t]
            payload = MarketDataIngested(
                symbols=[symbol],
                timeframe="1m",
                bars=1,
                bar_columns=bar,
                previous_end=to_datetime(market.t - 1000),
                start=utcnow(),
            )
            await on_market_data_ingested(make_event(payload, producer="bench"))
        took = time.perf_counter() - started
        if tick == 0:
            first = took
        else:
            latencies += [t - started for t in step_done.values()]
            kept += took <= period
        market.t += 1000
        await asyncio.sleep(max(0.0, period - took))
    paper_streams.commit = original
    lat = np.array(latencies) * 1000
    return {
        "runs": runs,
        "first": first * 1000,
        "kept": f"{kept}/{ticks}",
        "p50": float(np.percentile(lat, 50)),
        "p99": float(np.percentile(lat, 99)),
        "mb_per_run": (rss_mb() - before) / runs,
    }


async def main(args) -> None:
    with ExitStack() as stack:
        _, mongodb_url = servers(stack, "nats://unused", args.mongodb_url)
        heads = ("runs", "first tick ms", "ticks kept up", "p50 ms", "p99 ms", "RSS MB/run")
        print(" ".join(f"{h:>{max(5, len(h))}}" for h in heads))
        for runs in [int(r) for r in args.runs.split(",")]:
            settings = Settings(mongodb_url=mongodb_url, db_prefix=f"bench{uuid.uuid4().hex[:6]}")
            client = await init_database(settings, {"trading": DOCUMENTS})
            row = await host(runs, args.symbols, args.history, args.ticks, args.period)
            cells = f"{row['runs']:>5} {row['first']:>13.0f} {row['kept']:>13} {row['p50']:>6.1f}"
            print(f"{cells} {row['p99']:>6.1f} {row['mb_per_run']:>10.3f}")
            await client.drop_database(f"{settings.db_prefix}_trading")
            await client.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", default="50,100,200")
    parser.add_argument("--ticks", type=int, default=10)
    parser.add_argument("--symbols", type=int, default=10)
    parser.add_argument("--history", type=int, default=200)
    parser.add_argument("--period", type=float, default=1.0)
    parser.add_argument("--mongodb-url", default=None)
    asyncio.run(main(parser.parse_args()))
