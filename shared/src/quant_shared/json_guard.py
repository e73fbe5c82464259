"""Request bodies holding ``NaN`` or ``Infinity`` are refused with a 422 problem, in one place.

Python's JSON parser accepts the bare tokens ``NaN``, ``Infinity`` and ``-Infinity``, which are not
JSON: they reached NumPy (a 500 from ``arange``) and the database (MongoDB-compatible servers refuse
some of them and drop the connection). Every route of every domain depends on
:func:`refuse_non_finite_json` (``build_app``), which runs after FastAPI has read the body (the bytes
are cached on the request) and before the route: a body without those letters costs a substring
search; one with them is parsed again to tell a token from text inside a string.
"""

import json
import math
from typing import Any

from fastapi import Request

from quant_shared.errors import ValidationProblem

_MARKERS = (b"NaN", b"Infinity")


class _NonFinite(ValueError):
    pass


def _refuse(token: str) -> float:
    raise _NonFinite(token)


async def refuse_non_finite_json(request: Request) -> None:
    content_type = request.headers.get("content-type", "")
    if request.method in ("GET", "HEAD", "DELETE", "OPTIONS") or "json" not in content_type:
        return
    body = await request.body()
    if not any(marker in body for marker in _MARKERS):
        return
    try:
        json.loads(body, parse_constant=_refuse)
    except _NonFinite as exc:
        field = _path(json.loads(body), "body") or "body"
        raise ValidationProblem.field(
            field, f"{exc} is not a JSON number: send a finite number or null"
        ) from None
    except ValueError:
        return  # not JSON at all: FastAPI's own parser answers it


def _path(value: Any, at: str) -> str | None:
    """Where the first non-finite number is, as ``body.a.0.b``."""
    if isinstance(value, float) and not math.isfinite(value):
        return at
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _path(item, f"{at}.{key}")
        if found:
            return found
    return None
