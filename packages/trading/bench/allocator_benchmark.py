"""Trials with glibc's default allocator settings vs freed memory kept (``quant_shared.allocator``).

Run from the workspace root:  PYTHONPATH=packages/trading hatch run python -m bench.allocator_benchmark
Each setting runs in its own interpreter (``mallopt`` applies to a whole process); the two alternate
``--repeat`` times and the median of each is reported, with its CPU time split into user and kernel.
"""

import argparse
import json
import statistics
import subprocess
import sys

PROBE = """
import json, resource, sys, time
from quant_shared.allocator import keep_freed_memory
keep_freed_memory(int(sys.argv[1]))
from bench.grid_benchmark import GRID, trials
from bench.synthetic import synthetic_bars
data = synthetic_bars(int(sys.argv[2]), seed=3)
grid = GRID[: int(sys.argv[3])]
trials(grid[:1], data)  # compiled code loaded, first arrays allocated
r0, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
trials(grid, data)
r1, t1 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
print(json.dumps({"wall": t1 - t0, "user": r1.ru_utime - r0.ru_utime, "kernel": r1.ru_stime - r0.ru_stime,
                  "page_faults": r1.ru_minflt - r0.ru_minflt}))
"""


def _once(keep_mb: int, bars: int, trials: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(keep_mb), str(bars), str(trials)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _median(runs: list[dict]) -> dict:
    return {key: round(statistics.median(r[key] for r in runs), 3) for key in runs[0]}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bars", type=int, default=500_000)
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep-mb", type=int, default=256)
    args = parser.parse_args(argv)
    runs: dict[str, list[dict]] = {"defaults": [], "kept": []}
    for _ in range(args.repeat):
        runs["defaults"].append(_once(0, args.bars, args.trials))
        runs["kept"].append(_once(args.keep_mb, args.bars, args.trials))
    defaults, kept = _median(runs["defaults"]), _median(runs["kept"])
    result = {
        "bars": args.bars,
        "trials": args.trials,
        "glibc_defaults": defaults,
        f"freed_memory_kept_{args.keep_mb}_mb": kept,
        "speedup": round(defaults["wall"] / kept["wall"], 2),
    }
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
