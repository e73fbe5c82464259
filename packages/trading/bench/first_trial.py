"""Benchmark: how long an optimization waits for its first trial, a new process pool per run against
the warm trial pool.

Run from the workspace root:
  PYTHONPATH=packages/trading hatch run python -m bench.first_trial [--bars 1000000] [--trials 90]

Both on the same bars (seeded synthetic 1-minute bars, as ``array.array`` columns, the way a task
loads its inputs), the same ``sma_crossover`` grid and the same number of processes, runs alternating:
- a new pool per run: a ``spawn`` process pool whose initializer
  receives the bars and checks them, then the trials;
- the warm pool (``TrialPool``, started once and timed apart, as a worker does at its start): the
  bars checked once and published, then the trials.
Each run is timed to its first trial's output and to its last; the medians of ``--repeat`` runs are
shown with their ratio.
"""

import argparse
import asyncio
import multiprocessing
import statistics
import time
from array import array
from concurrent.futures import ProcessPoolExecutor
from types import SimpleNamespace

from bench.optimization_runs import columnar, grid_points
from quant_shared.enums import StrategyType
from quant_trading.engine import OHLCV
from quant_trading.models import BacktestConfig
from quant_trading.services.optimization import pool_process
from quant_trading.services.optimization.trial_pool import TrialPool

_STATE: dict = {}


def _init(bars: dict, strategy: str) -> None:  # the per-run pool's initializer
    _STATE.update(data=OHLCV.from_columnar(bars), run=pool_process.RunData.of(run_of(strategy)))


def _evaluate(point: dict) -> dict:
    return pool_process.evaluate_in(_STATE["data"], _STATE["run"], point)


def run_of(strategy: str) -> SimpleNamespace:
    """What the trials read of a run."""
    return SimpleNamespace(strategy_type=StrategyType(strategy), base_parameters={}, spec=None,
                           config=BacktestConfig(), objective="sharpe_ratio")  # fmt: skip


async def _trials(submit, points: list[dict], started: float) -> tuple[float, float, list]:
    """Seconds from ``started`` to the first output and to the last, and the outputs in order."""
    first, futures = None, [submit(point) for point in points]
    for done in asyncio.as_completed(futures):
        await done
        first = first or time.perf_counter() - started
    return first, time.perf_counter() - started, [future.result() for future in futures]


async def per_run_pool(bars: dict, points: list[dict], processes: int, strategy: str):
    started, loop = time.perf_counter(), asyncio.get_running_loop()
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, spawn, initializer=_init, initargs=(bars, strategy)) as pool:
        return await _trials(lambda p: loop.run_in_executor(pool, _evaluate, p), points, started)


async def warm_pool(pool: TrialPool, bars: dict, points: list[dict], strategy: str):
    started = time.perf_counter()
    data = await asyncio.to_thread(OHLCV.from_columnar, bars)  # as the run's task does
    async with pool.published(run_of(strategy), data) as published:
        evaluate = lambda p: asyncio.ensure_future(pool.evaluate(published, [p], 0, None))  # noqa: E731
        first, last, outputs = await _trials(evaluate, points, started)
    return first, last, [out[0] for out in outputs]


async def main_async(args: argparse.Namespace) -> None:
    bars = columnar(args.bars)
    bars = {k: array("q" if k == "timestamp" else "d", v) for k, v in bars.items()}  # as a task loads them
    points = grid_points(args.trials, args.strategy)
    started = time.perf_counter()
    pool = await TrialPool(args.processes).start()
    start_up = time.perf_counter() - started
    new, warm = [], []
    try:
        for _ in range(args.repeat):  # alternating: a drift of the machine's speed hits both alike
            new.append(await per_run_pool(bars, points, args.processes, args.strategy))
            warm.append(await warm_pool(pool, bars, points, args.strategy))
    finally:
        await pool.close()
    if any(b[2] != a[2] for b, a in zip(new, warm, strict=True)):
        raise RuntimeError("the two pools disagree on the trials")
    med = {name: [statistics.median(r[i] for r in runs) for i in (0, 1)] for name, runs in
           (("new", new), ("warm", warm))}  # fmt: skip
    print(
        f"{args.strategy}, {len(points)} trials on {args.bars:,} bars, {args.processes} processes, median of"
    )
    print(f"{args.repeat} runs each; the warm pool's start-up, once per process: {start_up:.2f} s")
    print(f"{'':28} {'first trial':>12} {'all trials':>11}")
    print(f"{'new pool per run':28} {med['new'][0]:>11.2f}s {med['new'][1]:>10.2f}s")
    print(f"{'warm trial pool':28} {med['warm'][0]:>11.2f}s {med['warm'][1]:>10.2f}s")
    ratio = [b / a for b, a in zip(med["new"], med["warm"], strict=True)]
    print(f"{'ratio':28} {ratio[0]:>11.1f}x {ratio[1]:>10.2f}x")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.first_trial", description=__doc__.split("\n")[0])
    parser.add_argument("--bars", type=int, default=1_000_000)
    parser.add_argument("--trials", type=int, default=90)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--strategy", default="sma_crossover")
    asyncio.run(main_async(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
