"""The optimization benchmark's trials with no coordination at all: what the cores can give.

The same trials on the same bars, evaluated by a warm ``TrialPool`` of 1 and of 2 processes (started
and the bars published before timing): no database, no broker, no task. On a 2-vCPU machine the
second process is slowed by the first (memory bandwidth, the shared cache), so this speed-up is the
ceiling of what the workers can show on it.
"""

import asyncio
import statistics
import time

from bench import first_trial
from bench.optimization_runs import grid_points
from quant_trading.engine import OHLCV
from quant_trading.services.optimization.trial_pool import TrialPool


async def _seconds(columnar: dict, points: list[dict], strategy: str, processes: int, repeat: int) -> float:
    pool = await TrialPool(processes).start()
    run = first_trial.run_of(strategy)
    try:
        async with pool.published(run, OHLCV.from_columnar(columnar)) as published:
            await pool.evaluate(published, points[:processes], 0, None)  # every process has the bars
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                await pool.evaluate(published, points, 0, None)
                times.append(time.perf_counter() - started)
    finally:
        await pool.close()
    return statistics.median(times)


def ceiling(columnar: dict, trials: int, strategy: str, counts: list[int], repeat: int) -> dict[int, float]:
    """Median seconds of the run's trials per process count."""
    points = grid_points(trials, strategy)
    return {n: asyncio.run(_seconds(columnar, points, strategy, n, repeat)) for n in counts}


def report(seconds: dict[int, float], trials: int) -> None:
    base = seconds[min(seconds)]
    print(f"the same {trials} trials on a bare warm pool, no database nor broker (ceiling):")
    for count, value in seconds.items():
        print(f"{count:>7} process(es) {value:>6.2f}s {base / value:>7.2f}x")
