"""JSON schemas handed to the model: the strategy spec, and the builder's structured-output shape."""

import json
from functools import lru_cache
from typing import Any

from quant_shared.strategy_spec import StrategySpec


@lru_cache
def spec_schema() -> dict[str, Any]:
    return StrategySpec.model_json_schema()


def spec_schema_text() -> str:
    return json.dumps(spec_schema(), separators=(",", ":"))


@lru_cache
def builder_response_schema() -> dict[str, Any]:
    """``{"spec": <StrategySpec> | null, "unsupported": [str]}`` with the spec's $defs hoisted."""
    spec = dict(spec_schema())
    defs = spec.pop("$defs", {})
    return {
        "type": "object",
        "$defs": defs,
        "properties": {
            "spec": {"anyOf": [spec, {"type": "null"}]},
            "unsupported": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["spec", "unsupported"],
        "additionalProperties": False,
    }
