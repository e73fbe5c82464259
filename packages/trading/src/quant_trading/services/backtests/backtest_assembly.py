"""Turn per-symbol engine runs into one stored ``BacktestResult`` and the backtest's metrics."""

import numpy as np

from quant_trading.models import Backtest, BacktestResult, PerformanceMetrics
from quant_trading.services.backtests import trade_log
from quant_trading.services.backtests.series import combine_equity, downsample_indices, drawdown_of
from quant_trading.services.engine_bridge import SymbolRun, combined_metrics


def _combined_exposure(runs: dict[str, SymbolRun], stamps: np.ndarray) -> np.ndarray:
    """Mean of the symbols' exposures (each carried forward), so 1.0 means fully invested everywhere."""
    total = np.zeros(len(stamps), dtype=float)
    for run in runs.values():
        pos = np.searchsorted(run.timestamp, stamps, side="right") - 1
        total += np.where(pos >= 0, run.exposure[np.clip(pos, 0, None)], 0.0)
    return total / max(len(runs), 1)


def assemble_result(
    backtest: Backtest, runs: dict[str, SymbolRun], max_points: int
) -> tuple[BacktestResult, PerformanceMetrics]:
    if len(runs) == 1:
        run = next(iter(runs.values()))
        stamps, equity, drawdown, exposure = run.timestamp, run.equity, run.drawdown, run.exposure
        metrics = PerformanceMetrics.of(run.metrics)
    else:
        initial = {s: backtest.config.initial_cash / len(runs) for s in runs}
        stamps, equity = combine_equity({s: (r.timestamp, r.equity) for s, r in runs.items()}, initial)
        drawdown = drawdown_of(equity)
        exposure = _combined_exposure(runs, stamps)
        trades = [t for r in runs.values() for t in r.trades]
        metrics = PerformanceMetrics.of(combined_metrics(stamps, equity, trades, exposure, backtest.config))
    trades = sorted((t for r in runs.values() for t in r.trades), key=lambda t: (t.entry_time, t.symbol))
    idx = downsample_indices(len(stamps), max_points)
    result = BacktestResult(
        owner_id=backtest.owner_id,
        backtest_id=str(backtest.id),
        trade_log=trade_log.encode(trades),
        trade_count=len(trades),
        positions=[p for r in runs.values() for p in r.positions],
        timestamp=np.asarray(stamps)[idx].astype(np.int64).tolist(),
        equity=np.asarray(equity, dtype=float)[idx].tolist(),
        drawdown=np.asarray(drawdown, dtype=float)[idx].tolist(),
        exposure=np.asarray(exposure, dtype=float)[idx].tolist(),
        per_symbol={s: PerformanceMetrics.of(r.metrics) for s, r in runs.items()} if len(runs) > 1 else {},
        series_downsampled_from=len(stamps) if len(idx) < len(stamps) else None,
    )
    return result, metrics
