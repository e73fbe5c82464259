"""Offline chat-ops: a deterministic intent parser producing the same tool calls a model would."""

import re

from quant_gen_ai.chatops.slash_commands import HELP
from quant_gen_ai.llm.offline import OfflineAnswer
from quant_gen_ai.llm.types import LLMRequest, ToolCall

REFUSAL = "I cannot do that: no tool deletes or cancels anything, and I act only with your own rights."
_DESTRUCTIVE = re.compile(r"\b(delete|remove|drop|erase|wipe|purge|destroy|cancel all)\b")
_STRATEGY = re.compile(
    r"\bstrateg(?:y|ies)\s+(?:id\s+)?([A-Za-z0-9_-]*\d[A-Za-z0-9_-]*|[a-f0-9]{24})\b", re.I
)
_SYMBOLS = re.compile(
    r"\b(?:on|for)\s+((?:[A-Z][A-Z0-9.^=-]{0,9})(?:\s*(?:,|and)\s*[A-Z][A-Z0-9.^=-]{0,9})*)"
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TASK = re.compile(r"\btask\s+([A-Za-z0-9_-]{6,64})\b", re.I)


def _call(name: str, **arguments) -> OfflineAnswer:
    return OfflineAnswer(tool_calls=[ToolCall(id=f"offline-{name}", name=name, arguments=arguments)])


def parse_intent(text: str, last_task_id: str | None) -> OfflineAnswer:
    lowered = text.lower()
    if _DESTRUCTIVE.search(lowered):
        return OfflineAnswer(content=REFUSAL)
    strategy = _STRATEGY.search(text)
    symbols_match = _SYMBOLS.search(text)
    symbols = re.split(r"\s*(?:,|and)\s*", symbols_match.group(1)) if symbols_match else []
    if "signal" in lowered and strategy and symbols:
        return _call("get_signal", strategy_id=strategy.group(1), symbol=symbols[0])
    if re.search(r"\b(run|start|launch|backtest)\b", lowered) and strategy and symbols:
        args = {"strategy_id": strategy.group(1), "symbols": symbols}
        args.update(zip(("start", "end"), _DATE.findall(text), strict=False))
        return _call("run_backtest", **args)
    if re.search(r"\b(status|progress|done|finished)\b", lowered):
        task = _TASK.search(text)
        task_id = task.group(1) if task else last_task_id
        if task_id:
            return _call("task_status", task_id=task_id)
        return OfflineAnswer(content="Which task? No backtest was started in this session yet.")
    if "watchlist" in lowered:
        return _call("list_watchlists")
    if "strateg" in lowered:
        return _call("list_strategies")
    if "backtest" in lowered:
        return _call("list_backtests")
    return OfflineAnswer(content=f"I did not recognize a request I can act on.\n{HELP}")


def offline_chatops(request: LLMRequest) -> OfflineAnswer:
    return parse_intent(request.context["text"], request.context.get("last_task_id"))
