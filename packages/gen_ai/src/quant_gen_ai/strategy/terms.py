"""One operand phrase ("the 20-day SMA", "RSI(14)", "lower Bollinger band", "70") -> spec operand."""

import re
from dataclasses import dataclass, field
from typing import Any

_UNIT = r"(?:[- ]?(?:day|period|bar|week|hour|minute)s?)?"
_SMA = r"(?:sma|simple moving average|moving average|ma)"
_EMA = r"(?:ema|exponential moving average)"
_PRICE = {
    "price": "close",
    "close": "close",
    "closing price": "close",
    "close price": "close",
    "last price": "close",
    "open": "open",
    "opening price": "open",
    "high": "high",
    "low": "low",
    "volume": "volume",
}


@dataclass
class Operand:
    """A parsed operand: a number, a price field, or an indicator (with the spec entry it needs)."""

    value: float | str
    indicator: dict[str, Any] | None = field(default=None)


def _ind(kind: str, ident: str, **params: Any) -> Operand:
    return Operand(ident, {"id": ident, "kind": kind, **params})


def _moving_average(kind: str, text: str) -> Operand | None:
    name = _SMA if kind == "sma" else _EMA
    match = re.fullmatch(rf"(\d+){_UNIT}\s*{name}", text) or re.fullmatch(
        rf"{name}\s*\(?\s*(\d+)\s*\)?", text
    )
    if not match:
        return None
    period = int(match.group(1))
    return _ind(kind, f"{kind}_{period}", period=period)


def _rsi(text: str) -> Operand | None:
    match = re.fullmatch(rf"(?:(\d+){_UNIT}\s*)?rsi(?:\s*\(?\s*(\d+)\s*\)?)?", text)
    if not match:
        return None
    period = int(match.group(1) or match.group(2) or 14)
    return _ind("rsi", f"rsi_{period}", period=period)


def _macd(text: str) -> Operand | None:
    params = r"(?:\s*\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\))?"
    for kind, pattern in (
        ("macd_signal", rf"(?:macd{params}\s*(?:'s\s+)?)?signal(?: line)?"),
        ("macd_hist", rf"macd{params}\s+histogram"),
        ("macd", rf"macd{params}(?: line)?"),
    ):
        match = re.fullmatch(pattern, text)
        if match:
            fast, slow, signal = (
                int(g) if g else d for g, d in zip(match.groups(), (12, 26, 9), strict=True)
            )
            return _ind(kind, f"{kind}_{fast}_{slow}_{signal}", fast=fast, slow=slow, signal=signal)
    return None


def _bollinger(text: str) -> Operand | None:
    params = r"(?:\s*\(\s*(\d+)\s*(?:,\s*(\d+(?:\.\d+)?)\s*)?\))?"
    match = re.fullmatch(rf"(upper|lower|middle) bollinger(?: bands?)?{params}", text) or re.fullmatch(
        rf"bollinger(?: bands?)?{params}\s+(upper|lower|middle)(?: band)?", text
    )
    if not match:
        return None
    groups = match.groups()
    side, period, width = (
        (groups[0], groups[1], groups[2])
        if groups[0] in ("upper", "lower", "middle")
        else (groups[2], groups[0], groups[1])
    )
    period_n, num_std = int(period or 20), float(width or 2)
    ident = f"bb_{side}_{period_n}_{str(num_std).replace('.', '_').removesuffix('_0')}"
    return _ind(f"bb_{side}", ident, period=period_n, num_std=num_std)


def parse_operand(phrase: str) -> Operand | None:
    """``None`` when the phrase is not something the spec can express."""
    text = re.sub(r"\s+", " ", phrase.strip().lower())
    text = re.sub(r"^(?:the|its|a|an)\s+", "", text)
    if re.fullmatch(r"-?\d+(?:\.\d+)?", text):
        return Operand(float(text))
    if text == "zero":
        return Operand(0.0)
    if text in _PRICE:
        return Operand(_PRICE[text])
    for parser in (
        lambda t: _moving_average("sma", t),
        lambda t: _moving_average("ema", t),
        _rsi,
        _macd,
        _bollinger,
    ):
        found = parser(text)
        if found is not None:
            return found
    return None
