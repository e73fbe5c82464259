"""``keep_freed_memory``: repeated large arrays reuse freed memory instead of faulting pages in again."""

import json
import subprocess
import sys

import pytest

from quant_shared import allocator

PROBE = """
import json, resource, sys, threading
import numpy as np
from quant_shared.allocator import keep_freed_memory
applied = keep_freed_memory(int(sys.argv[1]))
size, where = int(sys.argv[2]), sys.argv[3]
faults = []

def rounds():
    a = np.ones(size)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(40):
        columns = [a * i for i in range(6)]  # 6 arrays alive at once, as in a backtest
        a[:] = sum(columns) / 15.0  # into the array allocated first: what is freed is on top of the heap
        del columns
    faults.append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)

if where == "thread":  # as trials run (asyncio.to_thread): a thread's own arena unless one is shared
    worker = threading.Thread(target=rounds)
    worker.start()
    worker.join()
else:
    rounds()
print(json.dumps({"applied": applied, "faults": faults[0]}))
"""


def _faults(keep_mb: int, size: int, where: str) -> dict:
    args = [sys.executable, "-c", PROBE, str(keep_mb), str(size), where]
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
@pytest.mark.parametrize("size, where", [(500_000, "main"), (1_000_000, "thread")])
def test_freed_arrays_are_reused_rather_than_faulted_in_again(size, where):
    default, kept = _faults(0, size, where), _faults(256, size, where)
    assert default["applied"] is False and kept["applied"] is True
    # the defaults fault pages in every round; kept, about the first round only (~7 arrays)
    assert default["faults"] > 20_000
    assert kept["faults"] < default["faults"] / 10


def test_applied_once_per_process(monkeypatch):
    monkeypatch.setattr(allocator, "_applied", None)
    assert allocator.keep_freed_memory(0) is False
    assert allocator.keep_freed_memory(256) is False  # the first call decided for the process
    monkeypatch.setattr(allocator, "_applied", 64)
    assert allocator.keep_freed_memory(0) is True
