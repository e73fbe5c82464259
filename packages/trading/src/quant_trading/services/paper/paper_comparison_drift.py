"""The drift between a paper book and a backtest: P&L, fills matched by (trade, entry/exit), bars by time.

Pure functions over plain values; ``paper_comparison`` gathers the inputs.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

PRICES = ("open", "high", "low", "close")
VALUES = (*PRICES, "volume")
SHOWN_DIFFERENCES = 20


def same(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)), abs(float(b)))


def pnl_drift(paper: float, backtest: float, cash: float) -> dict[str, float]:
    difference = paper - backtest
    return {
        "paper": paper,
        "backtest": backtest,
        "difference": difference,
        "difference_pct": difference / cash * 100 if cash else 0.0,
    }


@dataclass
class FillMatch:
    """The fills of one symbol on both sides, paired by (trade number, entry/exit, part)."""

    paper: int = 0
    backtest: int = 0
    only_paper: int = 0
    only_backtest: int = 0
    price_differences: list[float] = field(default_factory=list)
    time_differences: list[float] = field(default_factory=list)
    differing: int = 0


def action_of(fill: dict[str, Any]) -> str:
    action = fill["action"]
    return str(getattr(action, "value", action))


def seconds_between(a: datetime, b: datetime) -> float:
    return abs((a.replace(tzinfo=a.tzinfo or UTC) - b.replace(tzinfo=b.tzinfo or UTC)).total_seconds())


def match_fills(paper: list[dict[str, Any]], backtest: list[dict[str, Any]]) -> FillMatch:
    ours = {(f["trade"], action_of(f), f.get("part", 0)): f for f in paper}
    theirs = {(f["trade"], action_of(f), f.get("part", 0)): f for f in backtest}
    match = FillMatch(paper=len(ours), backtest=len(theirs))
    match.only_paper = len(ours.keys() - theirs.keys())
    match.only_backtest = len(theirs.keys() - ours.keys())
    for key in sorted(ours.keys() & theirs.keys()):
        a, b = ours[key], theirs[key]
        price = abs(float(a["price"]) - float(b["price"]))
        time = seconds_between(a["time"], b["time"])
        match.price_differences.append(price)
        match.time_differences.append(time)
        match.differing += not (same(a["price"], b["price"]) and time == 0 and same(a["units"], b["units"]))
    return match


def fill_drift(matches: list[FillMatch]) -> dict[str, Any]:
    prices = [d for m in matches for d in m.price_differences]
    times = [d for m in matches for d in m.time_differences]
    return {
        "paper": sum(m.paper for m in matches),
        "backtest": sum(m.backtest for m in matches),
        "matched": len(prices),
        "matched_differing": sum(m.differing for m in matches),
        "only_paper": sum(m.only_paper for m in matches),
        "only_backtest": sum(m.only_backtest for m in matches),
        "mean_abs_price_difference": sum(prices) / len(prices) if prices else None,
        "max_abs_price_difference": max(prices) if prices else None,
        "max_time_difference_seconds": max(times) if times else None,
    }


def bar_at(columns: dict[str, list], i: int | None) -> dict[str, float] | None:
    return None if i is None else {c: float(columns[c][i]) for c in VALUES}


def bar_drift(live: dict[str, list], market: dict[str, list]) -> dict[str, Any]:
    """Bars by timestamp: revised (a price differs), missing in market data, missing in the live feed."""
    live_at = {int(t): i for i, t in enumerate(live["timestamp"])}
    market_at = {int(t): i for i, t in enumerate(market["timestamp"])}
    counts = {"revised": 0, "missing_in_market": 0, "missing_in_live": 0}
    differences = []
    for t in sorted(live_at.keys() | market_at.keys()):
        a, b = live_at.get(t), market_at.get(t)
        if a is not None and b is not None:
            if all(same(live[c][a], market[c][b]) for c in PRICES):
                continue
            kind = "revised"
        else:
            kind = "missing_in_market" if b is None else "missing_in_live"
        counts[kind] += 1
        if len(differences) < SHOWN_DIFFERENCES:
            time = datetime.fromtimestamp(t / 1000, UTC)
            differences.append(
                {"time": time, "kind": kind, "live": bar_at(live, a), "market": bar_at(market, b)}
            )
    return {
        "live": len(live_at),
        "market": len(market_at),
        "differing": counts["revised"],
        "missing_in_market": counts["missing_in_market"],
        "missing_in_live": counts["missing_in_live"],
        "differences": differences,
        "differences_shown": len(differences),
    }


def bar_total(per_symbol: list[dict[str, Any]]) -> dict[str, int]:
    keys = ("live", "market", "differing", "missing_in_market", "missing_in_live")
    return {k: sum(b[k] for b in per_symbol) for k in keys}
