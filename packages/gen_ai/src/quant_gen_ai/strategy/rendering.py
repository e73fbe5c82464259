"""A readable rendering of a strategy spec, for display (the spec itself is the only truth)."""

from typing import Any

_OPS = {"gt": ">", "ge": ">=", "lt": "<", "le": "<=", "eq": "=", "ne": "!="}
_SLOTS = [
    ("entry_long", "Buy (enter long)"),
    ("exit_long", "Sell (exit long)"),
    ("entry_short", "Sell short (enter short)"),
    ("exit_short", "Cover (exit short)"),
]


def _num(value: float) -> str:
    return f"{value:g}"


def indicator_label(ind: dict[str, Any]) -> str:
    kind = ind["kind"]
    if kind in ("sma", "ema", "rsi", "roc", "atr", "stddev", "highest", "lowest"):
        return f"{kind.upper()}({ind.get('period', 14)})"
    if kind.startswith("macd"):
        base = f"{ind.get('fast', 12)},{ind.get('slow', 26)},{ind.get('signal', 9)}"
        suffix = {"macd": "MACD", "macd_signal": "MACD signal", "macd_hist": "MACD histogram"}[kind]
        return f"{suffix}({base})"
    if kind.startswith("bb_"):
        return f"Bollinger {kind[3:]} band({ind.get('period', 20)}, {_num(float(ind.get('num_std', 2.0)))})"
    return f"{kind}({ind.get('source', 'close')})"


def _operand(value: Any, labels: dict[str, str]) -> str:
    if isinstance(value, (int, float)):
        return _num(float(value))
    return labels.get(value, f"{value} price")


def render_condition(cond: dict[str, Any], labels: dict[str, str], nested: bool = False) -> str:
    kind = cond["type"]
    if kind == "compare":
        return f"{_operand(cond['left'], labels)} {_OPS[cond['op']]} {_operand(cond['right'], labels)}"
    if kind == "cross":
        return (
            f"{_operand(cond['left'], labels)} crosses {cond['direction']} {_operand(cond['right'], labels)}"
        )
    if kind == "not":
        return f"not ({render_condition(cond['condition'], labels)})"
    joiner = " and " if kind == "all" else " or "
    text = joiner.join(render_condition(c, labels, nested=True) for c in cond["conditions"])
    return f"({text})" if nested else text


def render_spec(spec: dict[str, Any]) -> str:
    labels = {ind["id"]: indicator_label(ind) for ind in spec.get("indicators", [])}
    lines = [
        f"{title} when {render_condition(spec[slot], labels)}."
        for slot, title in _SLOTS
        if spec.get(slot) is not None
    ]
    if spec.get("entry_long") is not None and spec.get("exit_long") is None:
        lines.append("Long positions exit only on an opposite signal.")
    return "\n".join(lines)
