"""Whole-upload validation of raw bar rows: every bad row is reported, nothing is half accepted."""

import math
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from quant_market_data.engine.bar_limits import MAX_MS, MIN_MS
from quant_market_data.engine.calendar import is_aligned
from quant_market_data.engine.columns import BarColumns, datetime_to_ms
from quant_market_data.engine.fast_validation import fast_columns
from quant_shared.enums import DataInterval

PRICE_FIELDS = ("open", "high", "low", "close")


def parse_timestamp(raw: Any) -> int:
    """Epoch ms (years 1900-2199) from ISO-8601 text (naive = UTC), a date, or epoch s/ms."""
    ms = _parse_timestamp(raw)
    if not MIN_MS <= ms < MAX_MS:
        raise ValueError(f"timestamp {raw!r} is out of range (years 1900-2199)")
    return ms


def _parse_timestamp(raw: Any) -> int:
    if isinstance(raw, bool) or raw is None or raw == "":
        raise ValueError("missing timestamp")
    if isinstance(raw, int | float) or (isinstance(raw, str) and raw.strip().lstrip("-").isdigit()):
        number = float(raw)
        if not math.isfinite(number):
            raise ValueError(f"unparsable timestamp {raw!r}")
        return int(number if abs(number) >= 1e11 else number * 1000)
    if isinstance(raw, str):
        try:
            return datetime_to_ms(datetime.fromisoformat(raw.strip().replace("Z", "+00:00")))
        except ValueError:
            raise ValueError(f"unparsable timestamp {raw!r}") from None
    raise ValueError(f"unparsable timestamp {raw!r}")


def _number(row: Mapping[str, Any], name: str) -> float:
    raw = row.get(name)
    if raw is None or raw == "" or isinstance(raw, bool):
        raise ValueError(f"missing {name}")
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{name} {raw!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{name} {raw!r} is not finite")
    return value


def _row_problems(row: Mapping[str, Any], interval: DataInterval) -> tuple[list[str], tuple | None]:
    problems: list[str] = []
    ts = None
    try:
        ts = parse_timestamp(row.get("timestamp"))
    except ValueError as exc:
        problems.append(str(exc))
    values = {}
    for name in (*PRICE_FIELDS, "volume"):
        try:
            values[name] = _number(row, name)
        except ValueError as exc:
            problems.append(str(exc))
    row_interval = row.get("interval")
    if row_interval not in (None, "") and str(row_interval) != interval.value:
        problems.append(f"interval mismatch: row says {row_interval!r}, upload is {interval.value!r}")
    elif ts is not None and not is_aligned(ts, interval):
        when = datetime.fromtimestamp(ts / 1000, UTC).isoformat()
        problems.append(f"interval mismatch: {when} is not on a {interval.value} boundary")
    if len(values) == 5:
        o, h, lo, c, v = (values[k] for k in ("open", "high", "low", "close", "volume"))
        if h < lo:
            problems.append(f"high {h} < low {lo}")
        elif h < max(o, c) or lo > min(o, c):
            problems.append(f"open/close outside [low, high] (open {o}, close {c}, low {lo}, high {h})")
        if min(o, h, lo, c) <= 0:
            problems.append("prices must be positive")
        if v < 0:
            problems.append(f"negative volume {v}")
    if problems:
        return problems, None
    return [], (ts, values["open"], values["high"], values["low"], values["close"], values["volume"])


def validate_rows(
    rows: Iterable[Mapping[str, Any]], interval: DataInterval, field: str, row_base: int = 0
) -> tuple[BarColumns, list[dict[str, Any]]]:
    """Check every row; return the bars (ascending) and one error per bad row (``row`` numbered from
    ``row_base``)."""
    rows = rows if isinstance(rows, list) else list(rows)
    fast = fast_columns(rows, interval)
    if fast is not None:
        return fast, []
    errors: list[dict[str, Any]] = []
    good: list[tuple] = []
    first_row_of: dict[int, int] = {}
    for i, row in enumerate(rows):
        number = i + row_base
        if not isinstance(row, Mapping):
            errors.append({"field": f"{field}.{number}", "row": number, "message": "a bar must be an object"})
            continue
        problems, bar = _row_problems(row, interval)
        if bar is not None and bar[0] in first_row_of:
            problems.append(f"duplicate timestamp (same as row {first_row_of[bar[0]]})")
        elif bar is not None:
            first_row_of[bar[0]] = number
        if problems:
            errors.append({"field": f"{field}.{number}", "row": number, "message": "; ".join(problems)})
        else:
            good.append(bar)
    if errors or not good:
        return BarColumns.empty(), errors
    return BarColumns.from_lists(*zip(*good, strict=True)).sorted(), errors
