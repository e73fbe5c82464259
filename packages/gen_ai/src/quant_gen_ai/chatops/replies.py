"""Faithful, deterministic summaries of tool results (the reply never claims more than was done)."""

from typing import Any

from quant_gen_ai.models.chat_session import ChatAction
from quant_shared.enums import ChatActionStatus


def _names(result: Any, key: str = "name") -> str:
    items = result.get("items", []) if isinstance(result, dict) else []
    if not items:
        return "none"
    return ", ".join(f"{i.get(key) or i.get('id')} ({i.get('id')})" for i in items)


def summarize(action: ChatAction) -> str:
    if action.status == ChatActionStatus.REFUSED:
        return f"Refused {action.tool}: {action.error}."
    if action.status == ChatActionStatus.FAILED:
        return f"{action.tool} failed ({action.http_status}): {action.error}"
    r = action.result if isinstance(action.result, dict) else {}
    if action.tool == "run_backtest":
        return (
            f"Backtest {r.get('resource_id')} started as task {r.get('task_id')}; "
            f"ask /status {r.get('task_id')} for its progress."
        )
    if action.tool == "task_status":
        text = f"Task {r.get('id')} is {r.get('status')} ({float(r.get('progress') or 0) * 100:.0f}%)."
        if r.get("error"):
            text += f" Error: {r['error']}"
        return text
    if action.tool == "get_signal":
        return f"Signal of strategy {r.get('strategy_id')} for {r.get('symbol')}: {r.get('signal')}."
    if action.tool == "list_watchlists":
        return f"Your watchlists: {_names(r)}."
    if action.tool == "list_strategies":
        return f"Your strategies: {_names(r)}."
    if action.tool == "list_backtests":
        return f"Your recent backtests: {_names(r)}."
    return f"{action.tool} done."


def compose_reply(model_text: str | None, actions: list[ChatAction]) -> str:
    parts = [model_text.strip()] if model_text and model_text.strip() else []
    parts += [summarize(a) for a in actions]
    return "\n".join(parts) or "I have nothing to report."
