"""Parameter spaces of optimizations: grids, random draws and constraints such as ``fast < slow``."""

import itertools
import math
import operator
import re
from collections.abc import Callable
from typing import Any

import numpy as np

from quant_shared.errors import ValidationProblem
from quant_trading.models import ParameterRange

_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "!=": operator.ne}
_CONSTRAINT = re.compile(r"^\s*([A-Za-z_]\w*)\s*(<=|>=|!=|<|>)\s*([A-Za-z_]\w*|-?\d+(?:\.\d+)?)\s*$")

Constraint = tuple[str, str, str | float]


def parse_constraints(texts: list[str], known: set[str], field: str = "body.constraints") -> list[Constraint]:
    """``["fast < slow", "period >= 5"]`` -> triples; names must be parameters (never evaluated as code)."""
    out: list[Constraint] = []
    for i, text in enumerate(texts):
        match = _CONSTRAINT.match(text)
        if not match:
            raise ValidationProblem.field(f"{field}.{i}", "expected '<name> <op> <name or number>'")
        left, op, right = match.groups()
        right_value: str | float = right if right[0].isalpha() or right[0] == "_" else float(right)
        for name in (left, right_value):
            if isinstance(name, str) and name not in known:
                raise ValidationProblem.field(f"{field}.{i}", f"unknown parameter {name!r}")
        out.append((left, op, right_value))
    return out


def feasible(params: dict[str, Any], constraints: list[Constraint]) -> bool:
    return all(_OPS[op](params[left], params[right] if isinstance(right, str) else right)
               for left, op, right in constraints)  # fmt: skip


def axis(rng: ParameterRange) -> list[float | int]:
    """The values of one parameter on the grid (``step`` default: 10 points)."""
    step = rng.step or (rng.high - rng.low) / 9 or 1
    values = np.arange(rng.low, rng.high + step / 2, step)
    if rng.integer:
        return sorted({int(round(v)) for v in values})
    return [round(float(v), 10) for v in values]


def grid(ranges: dict[str, ParameterRange]) -> list[dict[str, Any]]:
    return [dict(zip(ranges, combo, strict=True)) for combo in itertools.product(*map(axis, ranges.values()))]


def grid_size(ranges: dict[str, ParameterRange]) -> int:
    return math.prod(len(axis(rng)) for rng in ranges.values())


def random_points(
    ranges: dict[str, ParameterRange], n: int, accept: Callable[[dict[str, Any]], bool], seed: int
) -> list[dict[str, Any]]:
    """Up to ``n`` distinct feasible points drawn uniformly (on the grid when ranges have steps)."""
    rng = np.random.default_rng(seed)
    seen: set[tuple] = set()
    out: list[dict[str, Any]] = []
    for _ in range(n * 50):
        if len(out) >= n:
            break
        point: dict[str, Any] = {}
        for name, r in ranges.items():
            if r.step:
                point[name] = rng.choice(axis(r)).item()
            else:
                value = rng.uniform(r.low, r.high)
                point[name] = int(round(value)) if r.integer else float(value)
        key = tuple(point.values())
        if key not in seen and accept(point):
            seen.add(key)
            out.append(point)
    return out
