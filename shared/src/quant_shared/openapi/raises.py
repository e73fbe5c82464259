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

ALWAYS_FOLLOWED = ("__init__", "__call__", "__aenter__", "__post_init__")
_PLATFORM_PREFIX = "quant_"
# the app-wide JSON guard answers 422 only to a JSON body, which a route with a body declares anyway
_NOT_FOLLOWED = ("quant_shared.errors", "quant_shared.openapi", "quant_shared.json_guard")


def _code_names(code: types.CodeType) -> Iterator[str]:
    yield from code.co_names
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_names(const)


def _is_platform(obj: Any) -> bool:
    module = getattr(obj, "__module__", None) or ""
    return module.startswith(_PLATFORM_PREFIX) and not module.startswith(_NOT_FOLLOWED)


def _function(obj: Any) -> Callable | None:
    func = inspect.unwrap(obj) if callable(obj) else obj
    func = getattr(func, "__func__", func)  # bound, static or class method
    if isinstance(func, property):
        func = func.fget
    return func if inspect.isfunction(func) and _is_platform(func) else None


@lru_cache(maxsize=1024)
def _methods(cls: type) -> tuple[tuple[str, Callable], ...]:
    """The platform functions defined on ``cls`` and its platform bases, by attribute name."""
    out = []
    for klass in cls.__mro__:
        if _is_platform(klass):
            out.extend((name, f) for name, value in vars(klass).items() if (f := _function(value)))
    return tuple(out)


@lru_cache(maxsize=4096)
def _direct(func: Callable) -> tuple[frozenset[int], frozenset[str], tuple[Any, ...]]:
    """Statuses named directly in ``func``, every name it uses and the platform objects it refers to."""
    statuses: set[int] = set()
    follow: list[Any] = []
    names = frozenset(_code_names(func.__code__))
    found = [func.__globals__.get(name) for name in names]
    for module in [m for m in found if _is_platform_module(m)]:  # ``module.function(...)``
        found.extend(getattr(module, name, None) for name in names)
    for obj in found:
        if inspect.isclass(obj) and issubclass(obj, ProblemError) and obj is not ProblemError:
            statuses.add(obj.status)
        elif obj is not None and not inspect.ismodule(obj) and _is_platform(obj):
            follow.append(obj)  # a function, a class, or a module-level instance (``service = X()``)
    return frozenset(statuses), names, tuple(follow)


def _is_platform_module(obj: Any) -> bool:
    name = getattr(obj, "__name__", "") if inspect.ismodule(obj) else ""
    return name.startswith(_PLATFORM_PREFIX) and not name.startswith(_NOT_FOLLOWED)


def statuses_raised(roots: list[Callable]) -> set[int]:
    """Every problem status reachable from ``roots``.

    Functions are followed through the names they use; of a class that is referred to, only the
    methods whose names some visited code uses (``service.create(...)``) and its constructors.
    """
    found: set[int] = set()
    used: set[str] = set(ALWAYS_FOLLOWED)
    seen: set[Callable] = set()
    classes: set[type] = set()
    pending: list[Any] = list(roots)
    while pending:
        obj = pending.pop()
        func = _function(obj)
        if func is None:
            klass = obj if inspect.isclass(obj) else type(obj)  # a class, or a callable instance
            if _is_platform(klass):
                classes.add(klass)
        elif func not in seen:
            seen.add(func)
            statuses, names, refs = _direct(func)
            found |= statuses
            used |= names
            pending.extend(refs)
        if not pending:
            pending = [f for cls in classes for name, f in _methods(cls) if name in used and f not in seen]
    return found


def dependency_calls(dependant: Dependant) -> Iterator[Callable]:
    """The endpoint and every dependency callable of a route, depth first."""
    if dependant.call is not None:
        yield dependant.call
    for sub in dependant.dependencies:
        yield from dependency_calls(sub)
