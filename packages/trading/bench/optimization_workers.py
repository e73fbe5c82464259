"""Benchmark: one 40-trial trading optimisation on 1 vs 2 ``quant worker`` processes.

Run from the workspace root:
  PYTHONPATH=packages/trading hatch run python -m bench.optimization_workers [--trials 40] [--bars 500000]
    [--strategy sma_crossover|bollinger_breakout|rsi_mean_reversion|macd]

It starts its own nats-server and FerretDB (or uses ``--nats-url`` / ``--mongodb-url``), stores a grid
optimisation (``optimization_runs``) on seeded synthetic 1-minute bars the way the API does (the run
document plus its inputs in GridFS), and for each worker count starts that many worker processes with
the same configuration (``QUANT_WORKERS_BACKEND=nats``, ``QUANT_TRADING_OPTIMIZATION_HELPERS=1``). The
time is wall clock from the dispatch of the run (the task's ``created_at``) to its completion (its
``finished_at``), worker start-up excluded; the bench looks every 0.25 s only, as each look costs the
database CPU on the cores the workers use. The
1-worker run is the baseline of the same run; every worker count must find the same best parameters.
Each count runs ``--repeat`` optimisations (3), the counts taking turns (all workers are started first,
each count on its own queue), so that a drift of the machine's speed hits every count alike. The first
run reads its inputs from the database, the later ones find the same bytes in the workers' input cache;
it shows the first and the median of the others. Then the same trials in a bare process pool
(``compute_ceiling``): what the two cores give with no coordination at all.
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
from quant_shared.workers.bench import add_worker_options, servers, worker_counts
from quant_shared.workers.dispatcher import NatsDispatcher
from quant_shared.workers.process import worker_env, worker_process
from quant_shared.workers.settings import WorkerSettings
from quant_trading.models import DOCUMENTS, OptimizationRun
from quant_trading.services import task_inputs
from quant_trading.services.optimization_executor import dispatch_optimization


async def time_run(
    dispatcher: NatsDispatcher, bars: dict, trials: int, strategy: str
) -> tuple[float, OptimizationRun, dict, list]:
    run = new_run(trials, strategy)
    await run.insert()
    await task_inputs.save(str(run.id), {"bars": bars})
    task = await dispatch_optimization(dispatcher, run, "bench", helpers=1)  # as the API does
    while not (finished := await Task.get(task.id)).status.is_final:
        await asyncio.sleep(0.25)  # looks cost the database CPU the workers share on this machine
    seconds = (finished.finished_at - finished.created_at).total_seconds()  # dispatch to completion
    done = await OptimizationRun.get(PydanticObjectId(run.id))
    if done.status != BacktestStatus.COMPLETED:
        raise RuntimeError(f"the optimisation ended {done.status}: {done.error}")
    await asyncio.sleep(1.0)  # the helper sees the run ended and reports its share
    helpers = await Task.find(
        {"kind": "optimization-helper", "created_at": {"$gte": task.created_at}}
    ).to_list()
    phases = finished.result["seconds"]
    return seconds, done, phases, [(h.worker, (h.result or {}).get("trials", 0)) for h in helpers]


async def run(args: argparse.Namespace, counts: list[int], nats_url: str, mongodb_url: str) -> list[dict]:
    trials, repeat, strategy = args.trials, args.repeat, args.strategy
    prefix = f"optbench{uuid.uuid4().hex[:6]}"
    settings = Settings(mongodb_url=mongodb_url, db_prefix=prefix, _env_file=None)
    client = await init_database(settings, {"trading": DOCUMENTS, TASKS_DOMAIN: [Task]})
    payload = columnar(args.bars)
    rows: list[dict] = []
    os.environ["QUANT_TRADING_OPTIMIZATION_HELPERS"] = "1"  # the same configuration for every count
    try:
        with ExitStack() as stack:
            dispatchers = {}
            for count in counts:  # every count's workers start first, each count on its own queue
                ws = WorkerSettings(
                    nats_url=nats_url, namespace=f"{prefix}n{count}", ack_wait_seconds=30, _env_file=None
                )
                env = worker_env(mongodb_url, prefix, ws)
                for n in range(count):
                    stack.enter_context(worker_process(env, f"optbench-{count}-{n}", domains="trading"))
                dispatchers[count] = NatsDispatcher(ws)
            runs: dict[int, list] = {count: [] for count in counts}
            for _ in range(repeat):  # interleaved: a drift of the machine's speed hits every count alike
                for count in counts:
                    runs[count].append(await time_run(dispatchers[count], payload, trials, strategy))
            for dispatcher in dispatchers.values():
                await dispatcher.close()
        for count in counts:
            warm = runs[count][1:] or runs[count]  # the first run reads the inputs from the database
            seconds, done, phases, helpers = sorted(warm, key=lambda r: r[0])[len(warm) // 2]  # the median
            row = {
                "workers": count,
                "cold": runs[count][0][0],
                "seconds": seconds,
                "count": done.trials_done,
                "helpers": helpers,
                **phases,
            }
            rows.append({**row, "best": done.best_parameters, "best_value": done.best_value})
    finally:
        for domain in ("trading", TASKS_DOMAIN):
            await client.drop_database(settings.database_name(domain))
        await client.close()
    if any(row["best"] != rows[0]["best"] for row in rows):
        raise RuntimeError(f"worker counts disagree on the best parameters: {[r['best'] for r in rows]}")
    for row in rows:
        row["speedup"] = rows[0]["seconds"] / row["seconds"]
        row["cold_speedup"] = rows[0]["cold"] / row["cold"]
        row["trials_speedup"] = rows[0]["trials"] / row["trials"]
    return rows


def report(rows: list[dict], bars: int, strategy: str) -> None:
    """End to end (dispatch to completion) and the trial phase alone, each against the 1-worker run."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{strategy} on {bars:,} one-minute bars per trial; CPUs: {os.cpu_count()}; load after: {load}")
    print(f"best parameters (every count): {rows[0]['best']}, sharpe {rows[0]['best_value']:.4f}")
    print("first run (inputs read from the database) | later runs, median (inputs in the workers' cache):")
    head = f"{'workers':>7} {'trials':>6} {'first':>6} {'speed-up':>8} {'later':>6} {'speed-up':>8}"
    print(f"{head} {'inputs':>7} {'trials':>7} {'speed-up':>8} {'rest':>6}  trials taken by the helper task")
    for r in rows:
        helper = ", ".join(f"{w}: {n}" for w, n in r["helpers"]) or "-"
        total = f"{r['cold']:>5.2f}s {r['cold_speedup']:>7.2f}x {r['seconds']:>5.2f}s {r['speedup']:>7.2f}x"
        rest = r["seconds"] - r["inputs"] - r["trials"]  # dispatch, start, summary, completion
        phase = f"{r['inputs']:>6.2f}s {r['trials']:>6.2f}s {r['trials_speedup']:>7.2f}x {rest:>5.2f}s"
        print(f"{r['workers']:>7} {r['count']:>6} {total} {phase}  {helper}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.optimization_workers", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--bars", type=int, default=500_000, help="bars per trial (CPU time per trial)")
    parser.add_argument("--strategy", choices=STRATEGIES, default="sma_crossover", help="8 x 5 grid")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per worker count (first + median of rest)"
    )
    add_worker_options(parser)
    args = parser.parse_args(argv)
    counts = worker_counts(args)
    with ExitStack() as stack:
        nats_url, mongodb_url = servers(stack, args.nats_url, args.mongodb_url)
        rows = asyncio.run(run(args, counts, nats_url, mongodb_url))
    report(rows, args.bars, args.strategy)
    ceiling = compute_ceiling.ceiling(
        columnar(args.bars), new_run(args.trials, args.strategy), counts, args.repeat
    )
    compute_ceiling.report(ceiling, args.trials)  # the same trials with no coordination


if __name__ == "__main__":
    main()
