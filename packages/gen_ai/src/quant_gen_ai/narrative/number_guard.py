"""Number guard: every number quoted in a text must come from the facts (rounding tolerated)."""

import re
from typing import Any

# A number not glued to a preceding letter/underscore (so "sma_20" or "Q3" are names, not figures).
NUMBER = re.compile(r"(?<![A-Za-z_\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![A-Za-z_\d.,])\d+(?:\.\d+)?")


def numbers_in(text: str) -> list[tuple[str, float, int]]:
    """(token, value, decimals) of every number in ``text``; signs are ignored."""
    found = []
    for match in NUMBER.finditer(text):
        token = match.group(0)
        clean = token.replace(",", "")
        decimals = len(clean.split(".")[1]) if "." in clean else 0
        found.append((token, float(clean), decimals))
    return found


def fact_numbers(facts: Any) -> set[float]:
    """Every number in the facts, including digits inside strings (dates, names, intervals)."""
    values: set[float] = set()
    if isinstance(facts, dict):
        for value in facts.values():
            values |= fact_numbers(value)
    elif isinstance(facts, (list, tuple)):
        for value in facts:
            values |= fact_numbers(value)
    elif isinstance(facts, bool) or facts is None:
        pass
    elif isinstance(facts, (int, float)):
        values.add(abs(float(facts)))
    else:
        values |= {v for _, v, _ in numbers_in(str(facts))}
    return values


def _matches(quoted: float, decimals: int, allowed: set[float]) -> bool:
    tolerance = 0.5 * 10**-decimals + 1e-9
    for value in allowed:
        for candidate in (value, value * 100):
            if abs(quoted - candidate) <= tolerance + 1e-9 * candidate:
                return True
    return False


def check_numbers(text: str, facts: Any) -> list[dict[str, Any]]:
    """The offending numbers (with a bit of context); an empty list means the text passes."""
    allowed = fact_numbers(facts)
    violations = []
    for match in NUMBER.finditer(text):
        token = match.group(0)
        clean = token.replace(",", "")
        decimals = len(clean.split(".")[1]) if "." in clean else 0
        if not _matches(float(clean), decimals, allowed):
            start, end = max(0, match.start() - 30), min(len(text), match.end() + 30)
            violations.append({"value": token, "context": text[start:end].replace("\n", " ")})
    return violations
