"""A 100-combination SMA-crossover grid on 100,000 bars: wall time with 1 and with 2 worker processes.

Run from packages/trading:  python -m bench.grid_benchmark [--bars 100000]
Each worker evaluates a batch of combinations (``evaluate_batch``), so the bars are pickled once per batch.
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
from quant_trading.engine.optimization import bars_payload, best_trial, evaluate_batch, parameter_grid

SPACE = {"fast": list(range(5, 55, 5)), "slow": list(range(60, 260, 20))}  # 10 x 10, all fast < slow


def _warm() -> None:
    """Worker initializer: import the engine and load its Numba cache before timing starts; freed
    memory is kept for reuse, as in the platform's pool processes (``quant_shared.allocator``)."""
    keep_freed_memory(get_settings().malloc_keep_mb)
    evaluate_batch("sma_crossover", [{"fast": 2, "slow": 5}], bars_payload(synthetic_bars(50)))


def _timed_batch(params: list[dict], bars: dict) -> tuple[float, list[dict]]:
    """One worker's batch and the CPU seconds it used (to tell missing cores from overhead)."""
    start = time.process_time()
    trials = evaluate_batch("sma_crossover", params, bars, {"commission": 0.001})
    return time.process_time() - start, trials


def run(workers: int, grid: list[dict], bars: dict) -> tuple[float, float, float, list[dict]]:
    """(pool start-up seconds incl. warm-up, grid wall seconds, worker CPU seconds, trials)."""
    batches = [grid[i::workers] for i in range(workers)]
    start = time.perf_counter()
    with ProcessPoolExecutor(workers, initializer=_warm) as pool:
        list(pool.map(abs, range(workers * 4)))  # every worker started and warmed
        ready = time.perf_counter()
        results = [f.result() for f in [pool.submit(_timed_batch, b, bars) for b in batches]]
        done = time.perf_counter()
    return ready - start, done - ready, sum(r[0] for r in results), [t for r in results for t in r[1]]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bars", type=int, default=100_000)
    args = parser.parse_args(argv)
    grid = parameter_grid(SPACE, ["fast < slow"])
    bars = bars_payload(synthetic_bars(args.bars, seed=3))
    run(1, grid[:2], bars)  # fill the Numba cache on disk
    startup_one, one, cpu_one, trials_one = run(1, grid, bars)
    startup_two, two, cpu_two, trials_two = run(2, grid, bars)
    values = sorted(t["value"] or 0.0 for t in trials_one)
    assert values == sorted(t["value"] or 0.0 for t in trials_two)
    result = {
        "bars": args.bars,
        "combinations": len(grid),
        "one_process_seconds": round(one, 3),
        "two_processes_seconds": round(two, 3),
        "speedup": round(one / two, 2),
        "worker_cpu_seconds_1_and_2": [round(cpu_one, 3), round(cpu_two, 3)],
        "load_average_1min": round(os.getloadavg()[0], 2),
        "pool_startup_seconds_1_and_2": [round(startup_one, 2), round(startup_two, 2)],
        "speedup_including_startup": round((startup_one + one) / (startup_two + two), 2),
        "best": best_trial(trials_one)["params"],
    }
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
