"""The ``Allow`` header of a 405: every method any route serves at the path.

Starlette answers 405 from the first route whose path matched with another method, so its ``Allow``
named that route's methods only (``POST`` for ``GET``+``POST /backtests``).
"""

from typing import Any


def allowed_methods(app: Any, path: str) -> str:
    from quant_shared.openapi.document import api_routes  # (quant_shared.openapi imports the errors)

    methods: set[str] = set()
    for route in api_routes(app):
        if route.methods and route.path_regex.match(path):
            methods |= set(route.methods)
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods))
