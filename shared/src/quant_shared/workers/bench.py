"""Benchmark: a CPU-bound batch of strategy-optimization trials on 1 vs 2 worker processes.

``python -m quant_shared.workers.bench [--tasks 40] [--bars 300000] [--workers 1,2]`` starts its own
nats-server and FerretDB (or uses ``--nats-url`` / ``QUANT_MONGODB_URL``), then for each worker count
starts that many ``python -m quant_shared.workers`` processes, dispatches the batch through the broker
and times it from the first dispatch to the last completion. Each trial is a pure-Python moving-average
crossover backtest on a seeded random walk (the same result on any worker).
"""

import argparse
import asyncio
import os
import random
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

from quant_shared.database import init_database
from quant_shared.enums import TaskStatus
from quant_shared.settings import Settings
from quant_shared.tasks import TASKS_DOMAIN, Task
from quant_shared.workers.dispatcher import NatsDispatcher
from quant_shared.workers.process import worker_env, worker_process
from quant_shared.workers.settings import WorkerSettings

TRIAL = "quant_shared.workers.bench:trial"  # by module name: this file may run as __main__
FINAL = [TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED]


def trial(fast: int, slow: int, bars: int, seed: int = 7) -> dict:
    """Total return of 'long while SMA(fast) > SMA(slow)' on a seeded random walk of ``bars`` prices."""
    rng = random.Random(seed)
    prices, price = [], 100.0
    for _ in range(bars):
        price *= 1.0 + rng.gauss(0.0, 0.01)
        prices.append(price)
    equity, fast_sum, slow_sum, long = 1.0, 0.0, 0.0, False
    for i, p in enumerate(prices):
        fast_sum += p - (prices[i - fast] if i >= fast else 0.0)
        slow_sum += p - (prices[i - slow] if i >= slow else 0.0)
        if long:
            equity *= p / prices[i - 1]
        if i + 1 >= slow:
            long = fast_sum / fast > slow_sum / slow
    return {"fast": fast, "slow": slow, "total_return": equity - 1.0}


def grid(tasks: int) -> list[tuple[int, int]]:
    pairs = [(f, s) for f in range(5, 55, 5) for s in range(60, 260, 20)]
    return pairs[:tasks]


async def time_batch(dispatcher: NatsDispatcher, tasks: int, bars: int) -> tuple[float, list[Task]]:
    started = time.perf_counter()
    ids = []
    for fast, slow in grid(tasks):
        args = {"fast": fast, "slow": slow, "bars": bars}
        ids.append(
            (
                await dispatcher.dispatch(
                    kind="bench", domain=TASKS_DOMAIN, owner_id="bench", fn=TRIAL, args=args
                )
            ).id
        )
    while await Task.find({"_id": {"$in": ids}, "status": {"$in": FINAL}}).count() < len(ids):
        await asyncio.sleep(0.2)
    elapsed = time.perf_counter() - started
    return elapsed, await Task.find({"_id": {"$in": ids}}).to_list()


async def run(tasks: int, bars: int, counts: list[int], nats_url: str, mongodb_url: str) -> list[dict]:
    prefix = f"bench{uuid.uuid4().hex[:6]}"
    client = await init_database(
        Settings(mongodb_url=mongodb_url, db_prefix=prefix, _env_file=None), {TASKS_DOMAIN: [Task]}
    )
    expected = trial(*grid(tasks)[0], bars=bars)
    rows = []
    try:
        for count in counts:
            settings = WorkerSettings(nats_url=nats_url, namespace=f"{prefix}n{count}", _env_file=None)
            env = worker_env(mongodb_url, prefix, settings)
            dispatcher = NatsDispatcher(settings)
            with ExitStack() as stack:
                for n in range(count):
                    stack.enter_context(worker_process(env, f"bench-{count}-{n}"))
                seconds, done = await time_batch(dispatcher, tasks, bars)
            await dispatcher.close()
            failed = [t for t in done if t.status != TaskStatus.COMPLETED]
            if failed:
                raise RuntimeError(f"{len(failed)} trial(s) did not complete, e.g.: {failed[0].error}")
            first = next(
                t
                for t in done
                if t.result["fast"] == expected["fast"] and t.result["slow"] == expected["slow"]
            )
            if first.result != expected:
                raise RuntimeError(f"worker result {first.result} differs from the local {expected}")
            per_worker = {w: sum(t.worker == w for t in done) for w in sorted({t.worker for t in done})}
            rows.append({"workers": count, "seconds": seconds, "tasks": tasks, "per_worker": per_worker})
    finally:
        await client.drop_database(f"{prefix}_{TASKS_DOMAIN}")
        await client.close()
    for row in rows:  # relative to the first worker count
        row["speedup"] = rows[0]["seconds"] / row["seconds"]
    return rows


def add_worker_options(parser: argparse.ArgumentParser) -> None:
    """The options every worker benchmark takes: worker counts, and the broker and database to use
    (``servers``). Also used by the trading optimization benchmark."""
    parser.add_argument("--workers", default="1,2", help="worker counts to time, e.g. 1,2")
    parser.add_argument("--nats-url")
    parser.add_argument("--mongodb-url")


def worker_counts(args: argparse.Namespace) -> list[int]:
    return [int(c) for c in args.workers.split(",")]


def servers(stack: ExitStack, nats_url: str | None, mongodb_url: str | None) -> tuple[str, str]:
    """The broker and database a benchmark uses: the given URLs, else its own nats-server and FerretDB
    (stopped when ``stack`` closes). Also used by the trading optimization benchmark."""
    mongodb_url = mongodb_url or Settings().mongodb_url
    tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="quant-bench-")))
    if not nats_url:
        from quant_shared.events.nats_server import NatsServer

        nats_url = stack.enter_context(NatsServer(tmp / "nats")).url
    if not mongodb_url:
        from quant_shared.embedded import FerretDBServer

        mongodb_url = stack.enter_context(FerretDBServer(tmp / "ferretdb")).url
    return nats_url, mongodb_url


def pool_seconds(tasks: int, bars: int, processes: int) -> float:
    """The same batch on a plain process pool: what the machine allows right now, without the broker."""
    from concurrent.futures import ProcessPoolExecutor

    fasts, slows = zip(*grid(tasks), strict=True)
    started = time.perf_counter()
    with ProcessPoolExecutor(processes) as pool:
        list(pool.map(trial, fasts, slows, [bars] * tasks))
    return time.perf_counter() - started


def report(rows: list[dict]) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"CPUs: {os.cpu_count()}, load average after the run: {load} (other processes share the CPUs)")
    print(f"{'workers':>7} {'tasks':>5} {'seconds':>8} {'speed-up':>8}  {'pool ref.':>9}  tasks per worker")
    for row in rows:
        spread = ", ".join(str(v) for v in row["per_worker"].values())
        ref = f"{row['pool_speedup']:.2f}x" if "pool_speedup" in row else "-"
        timing = f"{row['seconds']:>8.2f} {row['speedup']:>7.2f}x"
        print(f"{row['workers']:>7} {row['tasks']:>5} {timing}  {ref:>9}  {spread}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m quant_shared.workers.bench", description="CPU batch on workers"
    )
    parser.add_argument("--tasks", type=int, default=40)
    parser.add_argument("--bars", type=int, default=300_000, help="prices per trial (CPU time per task)")
    parser.add_argument(
        "--no-pool-reference", dest="pool", action="store_false", help="skip the process-pool run"
    )
    add_worker_options(parser)
    args = parser.parse_args(argv)
    counts = worker_counts(args)
    with ExitStack() as stack:
        nats_url, mongodb_url = servers(stack, args.nats_url, args.mongodb_url)
        rows = asyncio.run(run(args.tasks, args.bars, counts, nats_url, mongodb_url))
    if args.pool:  # the machine's ceiling for the same batch, measured right after
        pool = [pool_seconds(args.tasks, args.bars, row["workers"]) for row in rows]
        for row, seconds in zip(rows, pool, strict=True):
            row["pool_speedup"] = pool[0] / seconds
    report(rows)


if __name__ == "__main__":
    main()
