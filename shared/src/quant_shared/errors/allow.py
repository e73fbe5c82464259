"""The ``Allow`` header of a 405: every method any route serves at the path.

Starlette answers 405 from the first route whose path matched with another method, so its ``Allow``
named that route's methods only (``POST`` for ``GET``+``POST /backtests``).
"""

from collections.abc import Iterable
from typing import Any


def _routes(routes: Iterable[Any]) -> Iterable[Any]:
    for route in routes:
        if hasattr(route, "effective_route_contexts"):  # an included router, composed lazily
            yield from _routes(route.effective_route_contexts())
        else:
            yield route


def allowed_methods(app: Any, path: str) -> str:
    methods: set[str] = set()
    for route in _routes(app.routes):
        regex, served = getattr(route, "path_regex", None), getattr(route, "methods", None)
        if regex is not None and served and regex.match(path):
            methods |= set(served)
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods))
