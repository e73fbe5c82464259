"""Offline parser: common English phrasings of rule strategies -> a strategy spec dict.

Understands clauses such as "buy when ...", "sell when ...", "short when ...", "cover when ...";
conditions joined with "and"/"or" ("and" binds tighter); comparisons ("is above", ">", "below",
"at least") and crossovers ("crosses above", "falls below") between SMA/EMA/RSI/MACD/Bollinger
operands, price fields and numbers. Everything else is reported as unsupported, never guessed.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from quant_gen_ai.strategy.terms import parse_operand

_ACTIONS = [
    (r"sell short|go short|enter short|shorts?", "entry_short"),
    (r"cover|buy to cover|exit short|exit the short|close the short", "exit_short"),
    (r"buys?|go long|enter long|long", "entry_long"),
    (r"sells?|exit long|exit|close the position|close the long", "exit_long"),
]
_ACTION = re.compile(
    r"\b(" + "|".join(p for p, _ in _ACTIONS) + r")\b(?:\s+(?:it|the stock|the asset|a position))?\s+"
    r"(?:when|if|once|whenever|as soon as)\b"
)
_CROSS_ABOVE = (
    "crosses above|crossed above|cross above|crosses over|cross over|rises above|breaks above|moves above"
)
_CROSS_BELOW = "crosses below|crossed below|cross below|crosses under|falls below|drops below|breaks below"
_GT = (
    "is above|is greater than|is higher than|exceeds|closes above|trades above|stays above|above|greater than"
)
_LT = "is below|is less than|is lower than|closes below|trades below|stays below|below|less than|under"
_RELATIONS = [
    (_CROSS_ABOVE, "cross", "above"),
    (_CROSS_BELOW + "|moves below", "cross", "below"),
    (r">=|is at or above|is at least|at least", "compare", "ge"),
    (r"<=|is at or below|is at most|at most", "compare", "le"),
    (r"==|=|equals|is equal to", "compare", "eq"),
    (">|" + _GT, "compare", "gt"),
    ("<|" + _LT, "compare", "lt"),
]
_UNSUPPORTED_HINTS = r"stop[- ]loss|take[- ]profit|trailing|position size|risk \d|news|sentiment|earnings"


@dataclass
class ParseResult:
    spec: dict[str, Any] | None = None
    unsupported: list[str] = field(default_factory=list)


def _relation(text: str) -> tuple[str, str, str, str] | None:
    best = None
    for pattern, kind, value in _RELATIONS:
        for match in re.finditer(rf"(?<![a-z])(?:{pattern})(?![a-z])", text):
            if best is None or match.start() < best[0].start():
                best = (match, kind, value)
            break
    if best is None:
        return None
    match, kind, value = best
    return text[: match.start()], kind, value, text[match.end() :]


class _Builder:
    def __init__(self) -> None:
        self.indicators: dict[str, dict[str, Any]] = {}
        self.unsupported: list[str] = []

    def atom(self, text: str) -> dict[str, Any] | None:
        split = _relation(text)
        if split is None:
            self.unsupported.append(text.strip())
            return None
        left_text, kind, value, right_text = split
        left, right = parse_operand(left_text), parse_operand(right_text)
        if left is None or right is None:
            self.unsupported.append(text.strip())
            return None
        for operand in (left, right):
            if operand.indicator is not None:
                self.indicators.setdefault(operand.indicator["id"], operand.indicator)
        if kind == "cross":
            return {"type": "cross", "left": left.value, "direction": value, "right": right.value}
        return {"type": "compare", "left": left.value, "op": value, "right": right.value}

    def condition(self, text: str) -> dict[str, Any] | None:
        alternatives = []
        for alternative in re.split(r"\s+or\s+", text):
            parts = [self.atom(p) for p in re.split(r"\s+and\s+", alternative) if p.strip()]
            if any(p is None for p in parts) or not parts:
                return None
            alternatives.append(parts[0] if len(parts) == 1 else {"type": "all", "conditions": parts})
        return alternatives[0] if len(alternatives) == 1 else {"type": "any", "conditions": alternatives}


def _slot(action: str) -> str:
    return next(slot for pattern, slot in _ACTIONS if re.fullmatch(pattern, action))


def parse_strategy_text(text: str) -> ParseResult:
    lowered = re.sub(r"\s+", " ", text.strip().lower())
    builder = _Builder()
    unsupported = [m.group(0) for m in re.finditer(_UNSUPPORTED_HINTS, lowered)]
    matches = list(_ACTION.finditer(lowered))
    if not matches:
        return ParseResult(unsupported=unsupported or [text.strip()])
    slots: dict[str, dict[str, Any]] = {}
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(lowered)
        body = re.sub(r"(?:[,;]|\.(?!\d)|\b(?:and|then|and then)\b|\s)+$", "", lowered[match.end() : end])
        slot = _slot(match.group(1))
        if slot in slots:
            builder.unsupported.append(f"a second '{match.group(1)}' rule (combine conditions with and/or)")
            continue
        condition = builder.condition(body)
        if condition is not None:
            slots[slot] = condition
    unsupported += builder.unsupported
    if unsupported:
        return ParseResult(unsupported=unsupported)
    if "entry_long" not in slots and "entry_short" not in slots:
        return ParseResult(unsupported=["no entry rule (say when to buy or to short)"])
    return ParseResult(spec={"version": 1, "indicators": list(builder.indicators.values()), **slots})
