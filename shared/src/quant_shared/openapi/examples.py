"""Examples derived from JSON schemas: the schema's own ``examples`` / ``default`` first, then a
small, deterministic value that satisfies the schema's constraints (or ``NoExample``)."""

import re
from typing import Any

REF = "#/components/schemas/"
MAX_DEPTH = 14
OBJECT_ID = "665f1c2e9b1e8a3d4c5b6a7f"
FORMATS = {
    "date-time": "2024-01-02T15:30:00Z",
    "date": "2024-01-02",
    "time": "15:30:00",
    "duration": "P1D",
    "email": "analyst@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "uuid": "3f2b9c1e-8a7d-4b6f-9e0a-1c2d3e4f5a6b",
    "ipv4": "127.0.0.1",
    "hostname": "example.com",
    "password": "Str0ng-passw0rd!",
    "binary": "",
}
NAME_HINTS = {
    "symbol": "AAPL",
    "email": "analyst@example.com",
    "username": "analyst@example.com",
    "password": "Str0ng-passw0rd!",
    "currency": "USD",
    "exchange": "NASDAQ",
    "name": "momentum-aapl",
    "title": "Momentum on AAPL",
    "description": "An example",
    "version": "1",
}
CANDIDATES = ["AAPL", "example", "abc", "a", "A", "1", "a1", "x" * 8, "2024-01-02", "EUR/USD", "1d"]


class NoExample(Exception):
    """No value could be derived that satisfies the schema."""


def _resolve(schema: dict, components: dict) -> dict:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(REF):
        target = components.get(ref[len(REF) :])
        if target is None:
            raise NoExample(ref)
        return target
    return schema


def _string(schema: dict, name: str | None) -> str:
    hint = FORMATS.get(schema.get("format", "")) or NAME_HINTS.get(name or "")
    if hint is None and name and (name == "id" or name.endswith("_id")):
        hint = OBJECT_ID
    values = [hint or "string", *CANDIDATES]
    low, high = schema.get("minLength", 0), schema.get("maxLength")
    pattern = schema.get("pattern")
    for value in values:
        if len(value) < low:
            value = value + "x" * (low - len(value))
        if high is not None and len(value) > high:
            value = value[:high]
        if pattern is None or re.search(pattern, value):
            return value
    raise NoExample(f"no candidate matches {pattern!r}")


def _number(schema: dict, integer: bool) -> int | float:
    low = schema.get("minimum")
    high = schema.get("maximum")
    if schema.get("exclusiveMinimum") is not None:
        low = schema["exclusiveMinimum"] + (1 if integer else 0.5)
    if schema.get("exclusiveMaximum") is not None:
        high = schema["exclusiveMaximum"] - (1 if integer else 0.5)
    value: int | float = 1 if integer else 1.0
    if low is not None and value < low:
        value = low
    if high is not None and value > high:
        value = high if low is None or high >= low else low
    step = schema.get("multipleOf")
    if step:
        value = step * max(1, round(value / step))
    if low is not None and high is not None and low > high:
        raise NoExample("empty numeric range")
    return int(value) if integer else float(value)


def _object(schema: dict, components: dict, depth: int, complete: bool) -> dict:
    required = set(schema.get("required", []))
    out: dict[str, Any] = {}
    for key, sub in schema.get("properties", {}).items():
        if not complete and key not in required and not _given(sub):
            continue  # optional without a value of its own: left out, as a client would
        try:
            out[key] = example_of(sub, components, depth + 1, key, complete)
        except NoExample:
            if key in required:
                raise
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and schema.get("minProperties", 0) > len(out):
        out["key"] = example_of(extra, components, depth + 1, "key", complete)
    return out


def _variants(variants: list[dict], components: dict, depth: int, name: str | None, complete: bool) -> Any:
    non_null = [v for v in variants if v.get("type") != "null"]
    for variant in non_null:
        try:
            return example_of(variant, components, depth + 1, name, complete)
        except NoExample:
            continue
    if len(non_null) < len(variants):
        return None
    raise NoExample("no variant")


def _given(schema: dict) -> list[Any]:
    """The value the schema itself offers: ``example``, first of ``examples``, ``const``, ``default``."""
    if "example" in schema:
        return [schema["example"]]
    if isinstance(schema.get("examples"), list) and schema["examples"]:
        return [schema["examples"][0]]
    if "const" in schema:
        return [schema["const"]]
    if schema.get("default") is not None:
        return [schema["default"]]
    return []


def example_of(
    schema: dict, components: dict, depth: int = 0, name: str | None = None, complete: bool = True
) -> Any:
    """A value valid against ``schema`` (refs resolved in ``components``); ``complete=False`` leaves
    out optional properties that offer no value of their own (request bodies)."""
    if depth > MAX_DEPTH or not isinstance(schema, dict):
        raise NoExample("too deep")
    for candidate in (schema, _resolve(schema, components)):
        given = _given(candidate)
        if given:
            return given[0]
    schema = _resolve(schema, components)
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return _variants(schema[key], components, depth, name, complete)
    if "allOf" in schema:
        if len(schema["allOf"]) == 1:
            return example_of(schema["allOf"][0], components, depth + 1, name, complete)
        merged: dict = {}
        for part in schema["allOf"]:
            merged.update(example_of(part, components, depth + 1, name, complete))
        return merged
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or (kind is None and "properties" in schema):
        return _object(schema, components, depth, complete)
    if kind == "array":
        count = max(1, schema.get("minItems", 0))
        if schema.get("maxItems") == 0:
            return []
        item = example_of(schema.get("items", {}), components, depth + 1, name, complete)
        if count > 1 and schema.get("uniqueItems"):
            raise NoExample("unique items")
        return [item] * count
    if kind == "string":
        return _string(schema, name)
    if kind in ("integer", "number"):
        return _number(schema, kind == "integer")
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return {}
