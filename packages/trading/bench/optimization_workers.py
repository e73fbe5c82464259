"""Benchmark: one trading optimization on 1 vs 2 ``quant worker`` processes, and on one worker's pool.

Run from the workspace root:
  PYTHONPATH=packages/trading hatch run python -m bench.optimization_workers [--trials 40] [--bars 500000]
    [--strategy sma_crossover|bollinger_breakout|rsi_mean_reversion|macd] [--repeat 5]

It starts its own nats-server and FerretDB (or uses ``--nats-url`` / ``--mongodb-url``), stores a grid
optimization (``optimization_runs``) on seeded synthetic 1-minute bars the way the API does (the run
document plus its inputs in GridFS) and dispatches it to workers (``QUANT_WORKERS_BACKEND=nats``) of
three configurations, all started first, each on its own queue, the runs taking turns (a drift of the
machine's speed hits them alike):
- 1 worker whose trial pool has 1 process, batches split in 2 tasks (the baseline: its part waits in
  the queue, the run takes it back);
- 2 such workers (the second evaluates the other half: one core per worker, on two workers);
- 1 worker whose pool has 2 processes, no split (both cores through the pool).
The time is wall clock from the dispatch of the run (the task's ``created_at``) to its completion
(``finished_at``), worker start-up excluded; the bench looks every 0.25 s only, as each look costs the
database CPU on the cores the workers use. The first run of each reads its inputs from the database,
the later ones find them in the workers' input cache: the first and the median of the others are
shown, with the search alone (the run's task from its start to its last trial, its inputs' decoding
included); every configuration must find the same best parameters. Then the same trials on a bare warm
pool of 1 and 2 processes (``compute_ceiling``).
"""

import argparse
import asyncio
import os
import uuid
from contextlib import ExitStack

from beanie import PydanticObjectId

from bench import compute_ceiling
from bench.optimization_runs import STRATEGIES, columnar, new_run
from quant_shared.database import init_database
from quant_shared.enums import BacktestStatus
from quant_shared.settings import Settings
from quant_shared.tasks import TASKS_DOMAIN, Task
from quant_shared.workers.bench import servers
from quant_shared.workers.dispatcher import NatsDispatcher
from quant_shared.workers.process import worker_env, worker_process
from quant_shared.workers.settings import WorkerSettings
from quant_trading.models import DOCUMENTS, OptimizationRun
from quant_trading.services import task_inputs
from quant_trading.services.optimization.executor import dispatch_optimization

CONFIGS = [  # label, workers, trial-pool processes per worker, tasks per batch
    ("1 worker x 1 process", 1, 1, 2),
    ("2 workers x 1 process", 2, 1, 2),
    ("1 worker x 2 processes", 1, 2, 1),
]


async def time_run(dispatcher: NatsDispatcher, bars: dict, trials: int, strategy: str) -> tuple:
    run = new_run(trials, strategy)
    await run.insert()
    await task_inputs.save(str(run.id), {"bars": bars})
    task = await dispatch_optimization(dispatcher, run, "bench")  # as the API does
    while not (finished := await Task.get(task.id)).status.is_final:
        await asyncio.sleep(0.25)  # looks cost the database CPU the workers share on this machine
    seconds = (finished.finished_at - finished.created_at).total_seconds()  # dispatch to completion
    done = await OptimizationRun.get(PydanticObjectId(run.id))
    if done.status != BacktestStatus.COMPLETED:
        raise RuntimeError(f"the optimization ended {done.status}: {done.error}")
    query = {"kind": "optimization-trials", "created_at": {"$gte": task.created_at}}
    parts = [
        ("remote" if t.status == "completed" else "taken back") for t in await Task.find(query).to_list()
    ]
    return seconds, done, finished.result["seconds"], parts


async def run(args: argparse.Namespace, nats_url: str, mongodb_url: str) -> list[dict]:
    prefix = f"optbench{uuid.uuid4().hex[:6]}"
    settings = Settings(mongodb_url=mongodb_url, db_prefix=prefix, _env_file=None)
    client = await init_database(settings, {"trading": DOCUMENTS, TASKS_DOMAIN: [Task]})
    payload = columnar(args.bars)
    runs: list[list] = [[] for _ in CONFIGS]
    try:
        with ExitStack() as stack:
            dispatchers = []
            for k, (_, workers, processes, tasks) in enumerate(CONFIGS):  # every worker starts first
                ws = WorkerSettings(
                    nats_url=nats_url, namespace=f"{prefix}c{k}", ack_wait_seconds=30, _env_file=None
                )
                env = worker_env(mongodb_url, prefix, ws)
                env.update(QUANT_TRADING_OPTIMIZATION_MAX_WORKERS=str(processes),
                           QUANT_TRADING_OPTIMIZATION_TRIAL_TASKS=str(tasks))  # fmt: skip
                for n in range(workers):
                    stack.enter_context(
                        worker_process(env, f"optbench-{k}-{n}", domains="trading", timeout=300)
                    )
                dispatchers.append(NatsDispatcher(ws))
            for _ in range(args.repeat):  # interleaved: a drift of the machine's speed hits all alike
                for k, dispatcher in enumerate(dispatchers):
                    runs[k].append(await time_run(dispatcher, payload, args.trials, args.strategy))
            for dispatcher in dispatchers:
                await dispatcher.close()
    finally:
        for domain in ("trading", TASKS_DOMAIN):
            await client.drop_database(settings.database_name(domain))
        await client.close()
    rows = []
    for (label, *_), timed in zip(CONFIGS, runs, strict=True):
        warm = timed[1:] or timed  # the first run reads the inputs from the database
        seconds, done, phases, parts = sorted(warm, key=lambda r: r[0])[len(warm) // 2]  # the median
        rows.append({"label": label, "cold": timed[0][0], "seconds": seconds, "count": done.trials_done,
                     "best": done.best_parameters, "parts": parts, **phases})  # fmt: skip
    if any(row["best"] != rows[0]["best"] for row in rows):
        raise RuntimeError(f"the configurations disagree on the best parameters: {[r['best'] for r in rows]}")
    return rows


def report(rows: list[dict], args: argparse.Namespace) -> None:
    """End to end (dispatch to completion) and the search alone, each against the first row."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.strategy}, {args.trials} trials on {args.bars:,} one-minute bars; CPUs: {os.cpu_count()}; "
          f"load after: {load}; best parameters (all alike): {rows[0]['best']}")  # fmt: skip
    head = f"{'':24} {'first run':>9} {'later runs':>10} {'speed-up':>8} {'search':>7} {'speed-up':>8}"
    print(f"{head}  part tasks")
    base = rows[0]
    for r in rows:
        speed, trial_speed = base["seconds"] / r["seconds"], base["trials"] / r["trials"]
        parts = ", ".join(r["parts"]) or "-"
        print(f"{r['label']:24} {r['cold']:>8.2f}s {r['seconds']:>9.2f}s {speed:>7.2f}x "
              f"{r['trials']:>6.2f}s {trial_speed:>7.2f}x  {parts}")  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.optimization_workers", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--bars", type=int, default=500_000, help="bars per trial (CPU time per trial)")
    parser.add_argument("--strategy", choices=STRATEGIES, default="sma_crossover", help="8 x 5 grid")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs per configuration (first + median of rest)"
    )
    parser.add_argument("--nats-url")
    parser.add_argument("--mongodb-url")
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        nats_url, mongodb_url = servers(stack, args.nats_url, args.mongodb_url)
        rows = asyncio.run(run(args, nats_url, mongodb_url))
    report(rows, args)
    ceiling = compute_ceiling.ceiling(columnar(args.bars), args.trials, args.strategy, [1, 2], args.repeat)
    compute_ceiling.report(ceiling, args.trials)  # the same trials with no coordination


if __name__ == "__main__":
    main()
