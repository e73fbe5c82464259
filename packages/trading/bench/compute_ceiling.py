"""The optimisation benchmark's trials with no coordination at all: what 2 cores can give.

The same trials on the same bars, evaluated by a process pool of 1 and of 2 processes (bars sent
once per process, the engine loaded before timing, half the trials each): no database, no broker,
no dealing. On a 2-vCPU machine the second process is slowed by the first (memory bandwidth, the shared
cache), so this speed-up is the ceiling of what the workers can show on it.
"""

import math
import multiprocessing
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

from bench.optimization_runs import grid_points
from quant_trading.models import OptimizationRun
from quant_trading.services import optimization_worker as worker
from quant_trading.services.trial_args import state_args


def _start(*state) -> None:
    worker.init_worker(*state)
    worker.warm_up(state[1])


def ceiling(columnar: dict, run: OptimizationRun, counts: list[int], repeat: int) -> dict[int, float]:
    """Median seconds of the run's trials per process count."""
    grid, seconds = grid_points(run), {}
    spawn = multiprocessing.get_context("spawn")  # as fresh as a worker process
    state = state_args(run, columnar)  # as the workers evaluate them
    for count in counts:
        with ProcessPoolExecutor(count, spawn, initializer=_start, initargs=state) as pool:
            list(pool.map(worker.evaluate, grid[:count]))  # every process started and warm
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                list(pool.map(worker.evaluate, grid, chunksize=math.ceil(len(grid) / count)))
                times.append(time.perf_counter() - started)
        seconds[count] = statistics.median(times)
    return seconds


def report(seconds: dict[int, float], trials: int) -> None:
    base = seconds[min(seconds)]
    print(f"the same {trials} trials in a process pool, no database nor broker (ceiling):")
    for count, value in seconds.items():
        print(f"{count:>7} process(es) {value:>6.2f}s {base / value:>7.2f}x")
