"""Trials reuse freed memory (``quant_shared.allocator``) where they run: in a worker thread, in the
trading domain's processes (its start-up hook) and in the trial pool's processes."""

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from quant_shared.allocator import keep_freed_memory
from quant_shared.settings import Settings
from quant_trading import api
from quant_trading.services.optimization.trial_pool import TrialPool

PROBE = """
import json, resource, sys, threading
from quant_shared.allocator import keep_freed_memory
keep_freed_memory(256)
from bench.grid_benchmark import GRID, trials
from bench.synthetic import synthetic_bars
data = synthetic_bars(1_000_000, seed=3)
grid = GRID[:8]
faults = []

def in_thread():  # as a worker runs a chunk: asyncio.to_thread
    trials(grid[:1], data)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    trials(grid, data)
    faults.append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)

worker = threading.Thread(target=in_thread)
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


async def test_the_trading_start_up_applies_the_platform_setting_first(monkeypatch):
    applied = []
    monkeypatch.setattr(api, "keep_freed_memory", applied.append)
    app = SimpleNamespace(state=SimpleNamespace(settings=Settings(malloc_keep_mb=64)))
    await api.DOMAIN.on_startup[0](app)  # before any backtest or trial allocates its arrays
    assert applied == [64]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
async def test_trial_pool_processes_apply_the_setting_they_are_given():
    pool = await TrialPool(1, keep_mb=64).start()
    try:  # keep_freed_memory(0) in a process answers whether a setting was applied there before
        assert await TrialPool._submit(pool._executor, keep_freed_memory, 0)
    finally:
        await pool.close()
