"""JSON-schema ``pattern`` checks on RE2, whose matching time is linear in the text.

Python's ``re`` backtracks: a schema pattern such as ``^(a+)+$`` against 25 ``a`` and a ``!`` takes
seconds inside one C call that no deadline can interrupt. Variables schemas therefore match their
``pattern`` keywords with RE2; a pattern RE2 cannot compile (back-references, look-arounds) is refused
when the schema is saved, and so is ``patternProperties``, which jsonschema also matches with ``re``.
"""

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import re2
from jsonschema import Draft202012Validator, ValidationError, validators


@lru_cache(maxsize=256)
def _compiled(pattern: str):
    return re2.compile(pattern)


def _pattern(validator, pattern: str, instance: Any, schema: dict) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


LinearValidator = validators.extend(Draft202012Validator, {"pattern": _pattern})


def pattern_problems(schema: Any, path: str = "") -> list[str]:
    """What in ``schema`` cannot be matched in linear time: why, for each place."""
    problems: list[str] = []
    if isinstance(schema, dict):
        for key, value in schema.items():
            where = f"{path}.{key}" if path else key
            if key == "patternProperties":
                problems.append(f"{where}: patternProperties is not supported")
            elif key == "pattern" and isinstance(value, str):
                try:
                    _compiled(value)
                except re2.error:
                    problems.append(f"{where}: the pattern uses a feature RE2 does not support")
            else:
                problems.extend(pattern_problems(value, where))
    elif isinstance(schema, list):
        for index, item in enumerate(schema):
            problems.extend(pattern_problems(item, f"{path}.{index}"))
    return problems
