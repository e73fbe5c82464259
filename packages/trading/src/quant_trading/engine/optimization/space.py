"""Parameter search spaces: grids and seeded random samples, filtered by constraints like ``fast < slow``."""

import itertools
import operator
import re
from typing import Any

import numpy as np

_CONSTRAINT = re.compile(r"^\s*([A-Za-z_]\w*)\s*(<=|>=|<|>|!=)\s*([A-Za-z_]\w*|-?\d+(?:\.\d+)?)\s*$")
_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "!=": operator.ne}

Constraint = tuple[str, str, str | float]


def parse_constraint(text: str) -> Constraint:
    """``"fast < slow"`` or ``"threshold >= 0.01"`` -> (left, op, right); never evaluates code."""
    m = _CONSTRAINT.match(text)
    if not m:
        raise ValueError(
            f"constraint {text!r}: expected '<name> <op> <name or number>' with op in < <= > >= !="
        )
    left, op, right = m.groups()
    return left, op, right if re.match(r"^[A-Za-z_]", right) else float(right)


def satisfies(params: dict[str, Any], constraints: list[Constraint]) -> bool:
    for left, op, right in constraints:
        rhs = params[right] if isinstance(right, str) else right
        if left in params and (not isinstance(right, str) or right in params):
            if not _OPS[op](params[left], rhs):
                return False
    return True


def axis_values(spec: Any) -> list[Any]:
    """A list of values, or ``{"low", "high", "step"[, "type": "integer"]}`` (inclusive of high)."""
    if isinstance(spec, (list, tuple)):
        if not spec:
            raise ValueError("empty value list")
        return list(spec)
    low, high = float(spec["low"]), float(spec["high"])
    step = float(spec.get("step") or (high - low) / 10 or 1)
    if high < low or step <= 0:
        raise ValueError("need low <= high and step > 0")
    values = low + step * np.arange(int(np.floor((high - low) / step + 1e-9)) + 1)
    if spec.get("type") == "integer" or all(float(v).is_integer() for v in (low, high, step)):
        return [int(round(v)) for v in values]
    return [round(float(v), 10) for v in values]


def parameter_grid(
    space: dict[str, Any], constraints: list[str | Constraint] = (), limit: int | None = None
) -> list[dict[str, Any]]:
    """The cartesian product of the axes that satisfies every constraint (first ``limit`` combos)."""
    parsed = [parse_constraint(c) if isinstance(c, str) else c for c in constraints]
    names = list(space)
    axes = [axis_values(space[n]) for n in names]
    out = []
    for combo in itertools.product(*axes):
        params = dict(zip(names, combo, strict=True))
        if satisfies(params, parsed):
            out.append(params)
            if limit is not None and len(out) >= limit:
                break
    return out


def random_samples(
    space: dict[str, Any],
    n: int,
    seed: int = 7,
    constraints: list[str | Constraint] = (),
    max_tries: int = 100,
) -> list[dict[str, Any]]:
    """``n`` seeded draws (uniform over each axis' values) satisfying the constraints; duplicates allowed
    only when the constrained space is smaller than ``n``."""
    parsed = [parse_constraint(c) if isinstance(c, str) else c for c in constraints]
    rng = np.random.default_rng(seed)
    axes = {name: axis_values(spec) for name, spec in space.items()}
    out: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    for _ in range(n * max_tries):
        if len(out) >= n:
            break
        params = {k: v[int(rng.integers(len(v)))] for k, v in axes.items()}
        key = tuple(params.values())
        if satisfies(params, parsed) and (key not in seen or len(seen) >= _size(axes)):
            seen.add(key)
            out.append(params)
    return out


def _size(axes: dict[str, list[Any]]) -> int:
    return int(np.prod([len(v) for v in axes.values()]))
