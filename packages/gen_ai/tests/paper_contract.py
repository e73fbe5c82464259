"""The trading domain's answer to ``GET /paper-runs/{id}/comparison`` in the contract stand-in: one
revised bar moved an exit fill, so the paper run and its backtest drift apart."""

from typing import Any

FILLS = {
    "paper": 4,
    "backtest": 4,
    "matched": 4,
    "matched_differing": 1,
    "only_paper": 0,
    "only_backtest": 0,
    "mean_abs_price_difference": 0.3125,
    "max_abs_price_difference": 1.25,
    "max_time_difference_seconds": 0.0,
}
PNL = {"paper": 412.5, "backtest": 437.75, "difference": -25.25, "difference_pct": -0.2525}
BARS = {"live": 30, "market": 30, "differing": 1, "missing_in_market": 0, "missing_in_live": 0}
REVISED = {
    "time": "2024-03-05T00:00:00Z",
    "kind": "revised",
    "live": {"open": 101.0, "high": 103.0, "low": 100.5, "close": 102.0, "volume": 1200.0},
    "market": {"open": 102.25, "high": 103.0, "low": 100.5, "close": 102.0, "volume": 1200.0},
}


def comparison_doc(run_id: str) -> dict[str, Any]:
    period = {"start": "2024-02-05T00:00:00Z", "end": "2024-03-05T00:00:00Z"}
    return {
        "run_id": run_id,
        "name": "paper SMA cross on AAPL",
        "status": "running",
        "symbols": ["AAPL"],
        "period": period,
        "settings": {
            "backtest_id": "bt1",
            "strategy_type": "sma_crossover",
            "parameters": {"fast": 3, "slow": 6},
            "spec": None,
            "interval": "1d",
            "config": {"initial_cash": 10_000.0},
            "finalize_trades": False,
        },
        "by_symbol": [
            {
                "symbol": "AAPL",
                "period": period,
                "initial_cash": 10_000.0,
                "pnl": PNL,
                "fills": FILLS,
                "bars": {**BARS, "differences": [REVISED], "differences_shown": 1},
            }
        ],
        "total": {"initial_cash": 10_000.0, "pnl": PNL, "fills": FILLS, "bars": BARS},
    }
