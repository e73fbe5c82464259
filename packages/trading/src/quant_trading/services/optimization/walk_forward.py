"""Walk-forward analysis: optimize on rolling in-sample windows, evaluate out of sample, stitch OOS equity."""

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import numpy as np

from quant_trading.models import OptimizationRun
from quant_trading.services.engine_bridge import series_metrics
from quant_trading.services.optimization.search import Search, TrialResult


def windows(n_bars: int, in_sample: int, out_of_sample: int, max_windows: int) -> list[tuple[int, int, int]]:
    """``(start, split, stop)`` bar indices: in-sample ``[start, split)``, out-of-sample ``[split, stop)``."""
    out, start = [], 0
    while start + in_sample + out_of_sample <= n_bars and len(out) < max_windows:
        out.append((start, start + in_sample, start + in_sample + out_of_sample))
        start += out_of_sample
    return out


def stitch(
    segments: list[tuple[list[int], list[float], int]], initial: float
) -> tuple[list[int], list[float]]:
    """Chain out-of-sample segments: each ``(timestamps, equity, split_offset)`` run starts at its window's
    first in-sample bar; its OOS returns (from the last in-sample bar on) compound on the previous end."""
    stamps: list[int] = []
    equity: list[float] = []
    level = initial
    for ts, eq, offset in segments:
        values = np.asarray(eq, dtype=float)
        growth = values[offset:] / values[offset - 1]
        stamps.extend(ts[offset:])
        equity.extend((level * growth).tolist())
        level = equity[-1]
    return stamps, equity


async def run_walk_forward(
    run: OptimizationRun,
    bounds: list[tuple[int, int, int]],
    make_search: Callable[[], Search],
    evaluate_on: Callable[[int, int], Callable],
    equity_on: Callable[[dict[str, Any], int, int], Awaitable[tuple[list[int], list[float]]]],
    on_trial: Callable[[int, TrialResult], Awaitable[None]],
    timestamps: list[int],
) -> dict[str, Any]:
    """Per window: search in-sample, run the best on in-sample + out-of-sample bars, keep the OOS part.
    The run's update: the last window's best and the stitched OOS equity with its KPIs."""
    reports, segments, trials = [], [], []
    for k, (start, split, stop) in enumerate(bounds):
        search = make_search()
        await search.run(evaluate_on(start, split), partial(on_trial, k))
        trials.extend(search.results)
        if (best := search.best()) is None:
            raise ValueError(f"walk-forward window {k}: no trial produced a finite objective")
        ts, eq = await equity_on(best.parameters, start, stop)
        segments.append((ts, eq, split - start))
        reports.append(
            {
                "window": k,
                "in_sample": [timestamps[start], timestamps[split - 1]],
                "out_of_sample": [timestamps[split], timestamps[stop - 1]],
                "best_parameters": best.parameters,
                "in_sample_value": best.value,
                "out_of_sample_return": eq[-1] / eq[split - start - 1] - 1.0,
            }
        )
    stamps, equity = stitch(segments, run.config.initial_cash)
    sharpes = [t.bar_sharpe for t in trials if t.bar_sharpe is not None]
    oos = series_metrics(stamps, equity, len(trials), sharpes)
    result = {"windows": reports, "timestamp": stamps, "equity": equity, "oos_metrics": oos}
    return {"best_parameters": {**run.base_parameters, **reports[-1]["best_parameters"]},
            "best_value": reports[-1]["in_sample_value"], "best_metrics": oos,
            "deflated_sharpe": oos.get("deflated_sharpe_ratio"), "walk_forward_result": result}  # fmt: skip
