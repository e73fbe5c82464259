"""SMA(10)/SMA(20) crossover on synthetic bars: this engine vs backtesting.py vs vectorbt vs bare NumPy.

Run from packages/trading:  python -m bench.sma_benchmark [--bars 1000000] [--bt-bars 100000]
backtesting.py runs on the first ``--bt-bars`` bars and its bars/s is extrapolated (it is linear in bars).
Timings are the best of ``--repeat`` runs; the engine's one-time Numba compilation is reported apart.
Freed memory is kept for reuse (``--keep-mb``, 256 MB) as in the platform's trading processes.
vectorbt runs in its own interpreter (``--vectorbt-python``, e.g. a throwaway venv) when it exists.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from bench.references import backtesting_py_bars_per_second, numpy_reference, vectorbt_seconds
from bench.synthetic import synthetic_bars
from quant_shared.allocator import keep_freed_memory
from quant_trading.engine import EngineConfig, build_strategy, run_backtest, run_targets

FAST, SLOW, COMMISSION = 10, 20, 0.002


def best_of(repeat: int, fn) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


COLD = (
    "import time; t = time.perf_counter(); from bench.synthetic import synthetic_bars; "
    "from quant_trading.engine import EngineConfig, build_strategy, run_backtest, run_targets; "
    "run_backtest(synthetic_bars(500), build_strategy('sma_crossover', {}), EngineConfig(allow_short=True)); "
    "print(time.perf_counter() - t)"
)


def cold_compile_seconds() -> float:
    """Import + first backtest in a fresh interpreter with an empty Numba cache (full JIT compilation)."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NUMBA_CACHE_DIR": tmp}
        done = subprocess.run(
            [sys.executable, "-c", COLD], capture_output=True, text=True, env=env, check=True
        )
    return float(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bars", type=int, default=1_000_000)
    parser.add_argument("--bt-bars", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--vectorbt-python", default="/tmp/vbt-venv/bin/python", help="interpreter with vectorbt"
    )
    parser.add_argument(
        "--keep-mb", type=int, default=256, help="freed memory kept, as the platform's processes (0: off)"
    )
    args = parser.parse_args(argv)
    keep_freed_memory(args.keep_mb)  # QUANT_MALLOC_KEEP_MB's default, applied by trading's processes

    data = synthetic_bars(args.bars)
    strategy = build_strategy("sma_crossover", {"fast": FAST, "slow": SLOW})
    config = EngineConfig(commission=COMMISSION, allow_short=True, fractional_units=True, bootstrap_samples=0)
    start = time.perf_counter()
    run_backtest(data.slice(0, 500), strategy, config)  # first call: Numba compiles (or loads its cache)
    jit_seconds = time.perf_counter() - start

    cold = cold_compile_seconds()
    targets = strategy.targets(data)
    accounting = best_of(args.repeat, lambda: run_targets(data, targets, config, metrics=False))
    core = best_of(args.repeat, lambda: run_backtest(data, strategy, config, metrics=False))
    orders = config.model_copy(
        update={
            "entry_order": "limit",
            "limit_offset_pct": 0.001,
            "stop_loss_pct": 0.01,
            "take_profit_pct": 0.02,
        }
    )
    with_orders = best_of(args.repeat, lambda: run_backtest(data, strategy, orders, metrics=False))
    features = config.model_copy(
        update={"trailing_stop_pct": 0.01, "spread": 0.0002, "margin": 0.5, "maintenance_margin": 0.25}
    )
    with_features = best_of(args.repeat, lambda: run_backtest(data, strategy, features, metrics=False))
    book = config.model_copy(update={"pyramiding": 2})
    with_book = best_of(args.repeat, lambda: run_backtest(data, strategy, book, metrics=False))
    full = best_of(args.repeat, lambda: run_backtest(data, strategy, config))
    with_bootstrap = config.model_copy(update={"bootstrap_samples": 500})
    full_bootstrap = best_of(max(1, args.repeat // 2), lambda: run_backtest(data, strategy, with_bootstrap))
    numpy_s = best_of(args.repeat, lambda: numpy_reference(data, FAST, SLOW, COMMISSION))
    bt_rate, bt_trades = backtesting_py_bars_per_second(data.slice(0, args.bt_bars), FAST, SLOW, COMMISSION)
    vbt_s = vectorbt_seconds(data, FAST, SLOW, COMMISSION, args.vectorbt_python)

    rate = args.bars / core
    result = {
        "bars": args.bars,
        "cold_jit_compile_seconds": round(cold, 2),
        "first_call_cached_seconds": round(jit_seconds, 3),
        "engine_accounting_only_seconds": round(accounting, 4),
        "engine_seconds": round(core, 4),
        "engine_bars_per_second": round(rate),
        "engine_limit_entries_sl_tp_seconds": round(with_orders, 4),
        "engine_trailing_spread_margin_seconds": round(with_features, 4),
        "engine_pyramiding_book_seconds": round(with_book, 4),
        "engine_with_kpis_seconds": round(full, 4),
        "engine_with_kpis_and_bootstrap_seconds": round(full_bootstrap, 4),
        "numpy_reference_seconds": round(numpy_s, 4),
        "numpy_reference_bars_per_second": round(args.bars / numpy_s),
        "backtesting_py_bars": args.bt_bars,
        "backtesting_py_trades": bt_trades,
        "backtesting_py_bars_per_second": round(bt_rate),
        "vectorbt_seconds": None if vbt_s is None else round(vbt_s, 4),
        "vectorbt_bars_per_second": None if vbt_s is None else round(args.bars / vbt_s),
        "engine_time_over_vectorbt": None if vbt_s is None else round(core / vbt_s, 2),
        "engine_accounting_time_over_vectorbt": None if vbt_s is None else round(accounting / vbt_s, 2),
        "speedup_vs_backtesting_py": round(rate / bt_rate, 1),
        "speedup_with_kpis_vs_backtesting_py": round(args.bars / full / bt_rate, 1),
        "engine_with_kpis_time_over_vectorbt": None if vbt_s is None else round(full / vbt_s, 2),
        "engine_time_over_numpy": round(core / numpy_s, 2),
        "engine_with_kpis_time_over_numpy": round(full / numpy_s, 2),
    }
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
