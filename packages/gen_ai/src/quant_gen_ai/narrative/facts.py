"""The facts of a backtest a narrative may quote, built from the trading domain's answers."""

from datetime import UTC, datetime
from typing import Any

FRACTION_KEYS = {"total_return", "annual_return", "max_drawdown", "win_rate", "volatility", "exposure"}


def is_fraction(key: str) -> bool:
    return key in FRACTION_KEYS or key.endswith(("_return", "_rate", "_drawdown", "_volatility", "_exposure"))


def _num(value: float, digits: int = 2) -> float | int:
    return int(value) if isinstance(value, int) else round(float(value), digits)


def metric_facts(metrics: dict[str, Any]) -> dict[str, Any]:
    """Fractions become ``<key>_pct`` percentages (2 decimals); other numbers keep 2-3 decimals."""
    out: dict[str, Any] = {}
    for key in sorted(metrics):
        value = metrics[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        if is_fraction(key):
            out[f"{key}_pct"] = round(float(value) * 100, 2)
        elif float(value).is_integer():
            out[key] = int(value)
        else:
            out[key] = _num(value, 3 if abs(value) < 10 else 2)
    return out


def trade_facts(trades: list[dict[str, Any]], total: int) -> dict[str, Any]:
    pnls = [float(t.get("pnl") or 0.0) for t in trades]
    facts: dict[str, Any] = {"trade_count": total, "trades_examined": len(trades)}
    if pnls:
        facts["winning_trades"] = sum(1 for p in pnls if p > 0)
        facts["losing_trades"] = sum(1 for p in pnls if p < 0)
        facts["largest_win_pnl"] = round(max(pnls), 2)
        facts["largest_loss_pnl"] = round(min(pnls), 2)
        facts["total_pnl_examined"] = round(sum(pnls), 2)
    return facts


def day(value: Any) -> str:
    """``YYYY-MM-DD`` of an epoch-milliseconds number or an ISO string; empty when unknown."""
    if value is None or value == "":
        return ""
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value / 1000, UTC).date().isoformat()
    return str(value)[:10]


def equity_facts(series: dict[str, list]) -> dict[str, Any]:
    equity, drawdown, stamps = (
        series.get("equity") or [],
        series.get("drawdown") or [],
        series.get("timestamp") or [],
    )
    if not equity:
        return {}
    facts: dict[str, Any] = {
        "start_equity": round(float(equity[0]), 2),
        "end_equity": round(float(equity[-1]), 2),
        "peak_equity": round(max(float(e) for e in equity), 2),
    }
    if drawdown:
        worst = min(range(len(drawdown)), key=lambda i: float(drawdown[i]))
        facts["deepest_drawdown_pct"] = round(abs(float(drawdown[worst])) * 100, 2)
        if worst < len(stamps):
            facts["deepest_drawdown_date"] = day(stamps[worst])
    return facts


def build_facts(
    backtest: dict[str, Any], trades_page: dict[str, Any], series: dict[str, list]
) -> dict[str, Any]:
    trades = trades_page.get("items") or []
    stamps = series.get("timestamp") or [None]  # a backtest over all stored bars: the curve's own span
    return {
        "backtest": {
            "id": str(backtest.get("id")),
            "name": backtest.get("name") or "unnamed backtest",
            "strategy_type": backtest.get("strategy_type") or "unknown",
            "symbols": ", ".join(backtest.get("symbols") or []),
            "interval": backtest.get("interval") or "",
            "start": day(backtest.get("start") or stamps[0]),
            "end": day(backtest.get("end") or stamps[-1]),
        },
        "metrics": metric_facts(backtest.get("metrics") or {}),
        "trades": trade_facts(trades, int(trades_page.get("total") or len(trades))),
        "equity": equity_facts(series),
    }
