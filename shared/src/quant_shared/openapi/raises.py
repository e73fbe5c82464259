"""Which problem statuses a route's code can raise, found by reading its code objects.

From the endpoint and every dependency, the names each function's code uses are resolved in its
module; functions and the methods of classes of the platform's packages (``quant_*``) are followed
in turn. A name that resolves to a ``ProblemError`` subclass contributes its status. The result is a
static over-approximation: it says which errors the code *can* answer, not which it will.
"""

import inspect
import types
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from fastapi.dependencies.models import Dependant

from quant_shared.errors import ProblemError

MAX_DEPTH = 6
_PLATFORM_PREFIX = "quant_"
_NOT_FOLLOWED = ("quant_shared.errors", "quant_shared.openapi")


def _code_names(code: types.CodeType) -> Iterator[str]:
    yield from code.co_names
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_names(const)


def _is_platform(obj: Any) -> bool:
    module = getattr(obj, "__module__", None) or ""
    return module.startswith(_PLATFORM_PREFIX) and not module.startswith(_NOT_FOLLOWED)


def _functions_of(obj: Any) -> list[Callable]:
    """The plain functions behind ``obj``: itself, or a platform class's methods."""
    if inspect.isclass(obj):
        if not _is_platform(obj):
            return []
        out = []
        for value in vars(obj).values():
            value = getattr(value, "__func__", value)  # staticmethod / classmethod
            if isinstance(value, property):
                value = value.fget
            if inspect.isfunction(value):
                out.append(value)
        return out
    func = inspect.unwrap(obj) if callable(obj) else obj
    func = getattr(func, "__func__", func)
    return [func] if inspect.isfunction(func) and _is_platform(func) else []


@lru_cache(maxsize=4096)
def _direct(func: Callable) -> tuple[frozenset[int], tuple[Any, ...]]:
    """Statuses named directly in ``func`` and the platform objects it refers to."""
    statuses: set[int] = set()
    follow: list[Any] = []
    scope = func.__globals__
    for name in set(_code_names(func.__code__)):
        obj = scope.get(name)
        if inspect.isclass(obj) and issubclass(obj, ProblemError) and obj is not ProblemError:
            statuses.add(obj.status)
        elif obj is not None and (inspect.isclass(obj) or callable(obj)) and _is_platform(obj):
            follow.append(obj)
    return frozenset(statuses), tuple(follow)


def statuses_raised(roots: list[Callable]) -> set[int]:
    """Every problem status reachable from ``roots`` within ``MAX_DEPTH`` calls."""
    found: set[int] = set()
    seen: set[int] = set()
    frontier = [f for root in roots for f in _functions_of(root)]
    for _ in range(MAX_DEPTH):
        following: list[Callable] = []
        for func in frontier:
            if id(func) in seen:
                continue
            seen.add(id(func))
            statuses, refs = _direct(func)
            found |= statuses
            following.extend(f for ref in refs for f in _functions_of(ref))
        frontier = following
    return found


def dependency_calls(dependant: Dependant) -> Iterator[Callable]:
    """The endpoint and every dependency callable of a route, depth first."""
    if dependant.call is not None:
        yield dependant.call
    for sub in dependant.dependencies:
        yield from dependency_calls(sub)
