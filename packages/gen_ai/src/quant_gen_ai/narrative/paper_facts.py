"""The facts of a paper run's drift from its backtest a narrative may quote, from trading's comparison."""

from typing import Any

from quant_gen_ai.narrative.facts import day

SHOWN_DIFFERENCES = 5


def _round(value: Any, digits: int = 2) -> float | int | None:
    if value is None:
        return None
    return int(value) if isinstance(value, int) else round(float(value), digits)


def pnl_facts(pnl: dict[str, Any], initial_cash: float) -> dict[str, Any]:
    return {
        "initial_cash": _round(initial_cash),
        "paper_pnl": _round(pnl["paper"]),
        "backtest_pnl": _round(pnl["backtest"]),
        "pnl_difference": _round(pnl["difference"]),
        "pnl_difference_pct": _round(pnl["difference_pct"]),
    }


def fill_facts(fills: dict[str, Any]) -> dict[str, Any]:
    return {
        "paper_fills": fills["paper"],
        "backtest_fills": fills["backtest"],
        "matched_fills": fills["matched"],
        "matched_differing": fills["matched_differing"],
        "only_paper": fills["only_paper"],
        "only_backtest": fills["only_backtest"],
        "mean_abs_price_difference": _round(fills["mean_abs_price_difference"], 4),
        "max_abs_price_difference": _round(fills["max_abs_price_difference"], 4),
        "max_time_difference_seconds": _round(fills["max_time_difference_seconds"], 0),
    }


def differences(by_symbol: list[dict[str, Any]]) -> str:
    """The first differing or missing bars, as ``SYMBOL YYYY-MM-DD kind`` items."""
    found = [
        f"{s['symbol']} {day(d['time'])} {d['kind'].replace('_', ' ')}"
        for s in by_symbol
        for d in s["bars"]["differences"]
    ]
    return "; ".join(found[:SHOWN_DIFFERENCES])


def build_paper_facts(comparison: dict[str, Any]) -> dict[str, Any]:
    settings, total, by_symbol = comparison["settings"], comparison["total"], comparison["by_symbol"]
    bars = total["bars"]
    return {
        "paper_run": {
            "id": str(comparison["run_id"]),
            "name": comparison.get("name") or "unnamed paper run",
            "status": comparison.get("status") or "",
            "strategy_type": settings.get("strategy_type") or "unknown",
            "symbols": ", ".join(comparison.get("symbols") or []),
            "interval": settings.get("interval") or "",
            "start": day(comparison["period"]["start"]),
            "end": day(comparison["period"]["end"]),
            "backtest_id": settings.get("backtest_id") or "none",
        },
        "pnl": pnl_facts(total["pnl"], total["initial_cash"]),
        "fills": fill_facts(total["fills"]),
        "bars": {
            "live_bars": bars["live"],
            "market_bars": bars["market"],
            "revised_bars": bars["differing"],
            "missing_in_market": bars["missing_in_market"],
            "missing_in_live": bars["missing_in_live"],
            "first_differences": differences(by_symbol) or "none",
        },
        "symbol_pnl_difference": {s["symbol"]: _round(s["pnl"]["difference"]) for s in by_symbol},
        "symbol_bar_differences": {
            s["symbol"]: s["bars"]["differing"]
            + s["bars"]["missing_in_market"]
            + s["bars"]["missing_in_live"]
            for s in by_symbol
        },
    }
