"""Slash commands -> tool calls (no LLM involved)."""

import re
from dataclasses import dataclass, field
from typing import Any

HELP = """Commands:
/backtest <strategy_id> <SYMBOL[,SYMBOL...]> [interval] [start YYYY-MM-DD] [end YYYY-MM-DD] - start a backtest
/status [task_id] - status of a task (default: the last backtest started here)
/signal <strategy_id> <SYMBOL> - the strategy's current signal
/watchlist - your watchlists
/strategies - your strategies
/help - this help
Free text works too, e.g. "run strategy s1 on AAPL" or "status of my backtest"."""

_INTERVALS = {"1m", "5m", "15m", "1h", "4h", "1d", "1w"}


@dataclass
class Parsed:
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    reply: str | None = None


def _backtest(args: list[str]) -> Parsed:
    if len(args) < 2:
        return Parsed(reply="Usage: /backtest <strategy_id> <SYMBOL[,SYMBOL...]> [interval] [start] [end]")
    call: dict[str, Any] = {
        "strategy_id": args[0],
        "symbols": [s for s in re.split(r",", args[1].upper()) if s],
    }
    dates = [a for a in args[2:] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", a)]
    intervals = [a for a in args[2:] if a in _INTERVALS]
    if intervals:
        call["interval"] = intervals[0]
    for key, value in zip(("start", "end"), dates, strict=False):
        call[key] = value
    return Parsed(calls=[("run_backtest", call)])


def parse_slash(text: str, last_task_id: str | None) -> Parsed:
    command, *args = text.strip().split()
    command = command.lower()
    if command == "/help":
        return Parsed(reply=HELP)
    if command == "/backtest":
        return _backtest(args)
    if command == "/status":
        task_id = args[0] if args else last_task_id
        if not task_id:
            return Parsed(reply="No backtest was started in this session; usage: /status <task_id>")
        return Parsed(calls=[("task_status", {"task_id": task_id})])
    if command == "/signal":
        if len(args) != 2:
            return Parsed(reply="Usage: /signal <strategy_id> <SYMBOL>")
        return Parsed(calls=[("get_signal", {"strategy_id": args[0], "symbol": args[1].upper()})])
    if command in ("/watchlist", "/watchlists"):
        return Parsed(calls=[("list_watchlists", {})])
    if command == "/strategies":
        return Parsed(calls=[("list_strategies", {})])
    if command == "/backtests":
        return Parsed(calls=[("list_backtests", {})])
    return Parsed(reply=f"Unknown command {command}.\n{HELP}")
