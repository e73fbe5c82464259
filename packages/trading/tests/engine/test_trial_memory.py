"""Trials reuse freed memory (``quant_shared.allocator``) also where they run: in a worker thread."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, resource, sys, threading
from quant_shared.allocator import keep_freed_memory
keep_freed_memory(256)
from bench.grid_benchmark import SPACE
from bench.synthetic import synthetic_bars
from quant_trading.engine.optimization import bars_payload, evaluate_batch, parameter_grid
bars = bars_payload(synthetic_bars(1_000_000, seed=3))
grid = parameter_grid(SPACE, ["fast < slow"])[:8]
faults = []

def trials():  # as a worker runs a chunk: asyncio.to_thread
    evaluate_batch("sma_crossover", grid[:1], bars)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    evaluate_batch("sma_crossover", grid, bars, {"commission": 0.001})
    faults.append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)

worker = threading.Thread(target=trials)
worker.start()
worker.join()
print(json.dumps({"faults": faults[0]}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_trials_in_a_thread_on_a_million_bars_fault_no_pages_in_again():
    package = Path(__file__).resolve().parents[2]  # packages/trading: the bench module
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, cwd=package
    )
    # a thread's own arena gave every trial's arrays back: about 55,000 faults for these 8 trials
    assert json.loads(out.stdout)["faults"] < 5_000
