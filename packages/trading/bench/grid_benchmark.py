"""A 100-combination SMA-crossover grid on 100,000 bars: wall time with 1 and with 2 worker processes.

Run from packages/trading:  python -m bench.grid_benchmark [--bars 100000]
Each worker evaluates a batch of combinations (``trials``), so the bars are pickled once per batch.
Worker start-up (interpreter, imports, Numba cache load) is timed apart from the grid itself.
"""

import argparse
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor

from bench.synthetic import synthetic_bars
from quant_shared.allocator import keep_freed_memory
from quant_shared.settings import get_settings
from quant_trading.engine import OHLCV
from quant_trading.models import ParameterRange
from quant_trading.services.optimization.parameter_space import grid
from quant_trading.services.optimization.pool_process import RunData, evaluate_in

SPACE = {"fast": ParameterRange(low=5, high=50, step=5), "slow": ParameterRange(low=60, high=240, step=20)}
GRID = grid(SPACE)  # 10 x 10, all fast < slow
RUN = RunData("sma_crossover", {}, None, {"commission": 0.001}, "sharpe_ratio")


def trials(points: list[dict], data: OHLCV) -> list[tuple[dict, float | None]]:
    """Each point and its Sharpe ratio, as the trial pool's processes evaluate them."""
    return [(p, evaluate_in(data, RUN, p)["metrics"].get("sharpe_ratio")) for p in points]


def _warm() -> None:
    """Worker initializer: import the engine and load its Numba cache before timing starts; freed
    memory is kept for reuse, as in the platform's pool processes (``quant_shared.allocator``)."""
    keep_freed_memory(get_settings().malloc_keep_mb)
    trials([{"fast": 2, "slow": 5}], synthetic_bars(50))


def _timed_batch(points: list[dict], data: OHLCV) -> tuple[float, list[tuple[dict, float | None]]]:
    """One worker's batch and the CPU seconds it used (to tell missing cores from overhead)."""
    start = time.process_time()
    evaluated = trials(points, data)
    return time.process_time() - start, evaluated


def run(workers: int, grid: list[dict], data: OHLCV) -> tuple[float, float, float, list[tuple]]:
    """(pool start-up seconds incl. warm-up, grid wall seconds, worker CPU seconds, trials)."""
    batches = [grid[i::workers] for i in range(workers)]
    start = time.perf_counter()
    with ProcessPoolExecutor(workers, initializer=_warm) as pool:
        list(pool.map(abs, range(workers * 4)))  # every worker started and warmed
        ready = time.perf_counter()
        results = [f.result() for f in [pool.submit(_timed_batch, b, data) for b in batches]]
        done = time.perf_counter()
    return ready - start, done - ready, sum(r[0] for r in results), [t for r in results for t in r[1]]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bars", type=int, default=100_000)
    args = parser.parse_args(argv)
    data = synthetic_bars(args.bars, seed=3)
    run(1, GRID[:2], data)  # fill the Numba cache on disk
    startup_one, one, cpu_one, trials_one = run(1, GRID, data)
    startup_two, two, cpu_two, trials_two = run(2, GRID, data)
    values = sorted(value or 0.0 for _, value in trials_one)
    assert values == sorted(value or 0.0 for _, value in trials_two)
    result = {
        "bars": args.bars,
        "combinations": len(GRID),
        "one_process_seconds": round(one, 3),
        "two_processes_seconds": round(two, 3),
        "speedup": round(one / two, 2),
        "worker_cpu_seconds_1_and_2": [round(cpu_one, 3), round(cpu_two, 3)],
        "load_average_1min": round(os.getloadavg()[0], 2),
        "pool_startup_seconds_1_and_2": [round(startup_one, 2), round(startup_two, 2)],
        "speedup_including_startup": round((startup_one + one) / (startup_two + two), 2),
        "best": max((t for t in trials_one if t[1] is not None), key=lambda t: t[1])[0],
    }
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
