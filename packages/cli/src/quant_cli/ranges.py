"""Parameter ranges of ``quant optimize`` (``fast=5:30:5``), checked before anything is sent."""

import math

import typer


def _number(text: str, what: str, pair: str) -> int | float:
    try:
        value = float(text)
    except ValueError:
        raise typer.BadParameter(f"{pair!r}: {what} {text!r} is not a number", param_hint="--param") from None
    if not math.isfinite(value):
        raise typer.BadParameter(f"{pair!r}: {what} must be finite", param_hint="--param")
    return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value


def parse_ranges(pairs: list[str]) -> tuple[dict[str, dict], dict[str, int | float | str]]:
    """``["fast=5:30:5", "slow=20:100", "atr=1.5"]`` -> searched ranges and fixed parameters.

    ``NAME=LOW:HIGH[:STEP]`` is searched (without STEP the platform uses 10 points); ``NAME=VALUE``
    stays fixed. A range with any decimal end or step searches real numbers, otherwise integers.
    """
    ranges: dict[str, dict] = {}
    fixed: dict[str, int | float | str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise typer.BadParameter(
                f"expected NAME=LOW:HIGH[:STEP] or NAME=VALUE, got {pair!r}", param_hint="--param"
            )
        name, raw = (part.strip() for part in pair.split("=", 1))
        if not name.isidentifier():
            raise typer.BadParameter(f"{pair!r}: {name!r} is not a parameter name", param_hint="--param")
        if name in ranges or name in fixed:
            raise typer.BadParameter(f"{name!r} is given twice", param_hint="--param")
        if ":" not in raw:
            try:
                fixed[name] = _number(raw, "value", pair)
            except typer.BadParameter:
                fixed[name] = raw
            continue
        parts = raw.split(":")
        if len(parts) not in (2, 3):
            raise typer.BadParameter(f"{pair!r}: expected LOW:HIGH or LOW:HIGH:STEP", param_hint="--param")
        low, high = _number(parts[0], "low", pair), _number(parts[1], "high", pair)
        if high < low:
            raise typer.BadParameter(f"{pair!r}: high ({high}) must be >= low ({low})", param_hint="--param")
        rng: dict = {"low": low, "high": high}
        if len(parts) == 3:
            step = _number(parts[2], "step", pair)
            if step <= 0:
                raise typer.BadParameter(f"{pair!r}: step must be > 0", param_hint="--param")
            rng["step"] = step
        rng["integer"] = all(isinstance(v, int) for v in rng.values())
        ranges[name] = rng
    return ranges, fixed


def axis_size(rng: dict) -> int:
    """How many values the platform's grid takes on one range (its ``axis``: ``step`` default 10 points)."""
    low, high = float(rng["low"]), float(rng["high"])
    step = rng.get("step") or (high - low) / 9 or 1
    count = max(math.ceil((high - low + step / 2) / step), 0)
    values = [low + i * step for i in range(count)]
    if rng.get("integer", True):
        return len({int(round(v)) for v in values})
    return len(values)


def grid_size(ranges: dict[str, dict]) -> int:
    return math.prod(axis_size(r) for r in ranges.values())


def parse_walk_forward(text: str | None) -> dict | None:
    """``"150:50"`` or ``"150:50:5"`` -> ``{in_sample_bars, out_of_sample_bars[, max_windows]}``."""
    if text is None:
        return None
    parts = text.split(":")
    keys = ("in_sample_bars", "out_of_sample_bars", "max_windows")
    if len(parts) not in (2, 3) or not all(p.strip().isdigit() and int(p) > 0 for p in parts):
        raise typer.BadParameter(
            f"expected IN_SAMPLE:OUT_OF_SAMPLE[:MAX_WINDOWS] bar counts, got {text!r}",
            param_hint="--walk-forward",
        )
    return {k: int(p) for k, p in zip(keys, parts, strict=False)}
