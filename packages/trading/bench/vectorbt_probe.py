"""Times vectorbt's ``Portfolio.from_signals`` on arrays saved by ``references.vectorbt_seconds``.

Runs under a separate interpreter that has vectorbt (a throwaway venv), so vectorbt is not a project
dependency:  /tmp/vbt-venv/bin/python bench/vectorbt_probe.py arrays.npz  -> prints best seconds.
"""

import sys
import time

import numpy as np
import pandas as pd
import vectorbt as vbt  # type: ignore[import-not-found]


def main(path: str, repeat: int = 3) -> None:
    arrays = np.load(path)
    close = pd.Series(
        arrays["close"], index=pd.date_range("2017-01-01", periods=len(arrays["close"]), freq="min")
    )
    entries, exits = arrays["entries"], arrays["exits"]
    fees = float(arrays["fees"])
    vbt.Portfolio.from_signals(close.iloc[:1000], entries[:1000], exits[:1000], fees=fees)  # JIT warm-up
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        vbt.Portfolio.from_signals(close, entries, exits, fees=fees).total_return()
        best = min(best, time.perf_counter() - start)
    print(best)


if __name__ == "__main__":
    main(sys.argv[1])
