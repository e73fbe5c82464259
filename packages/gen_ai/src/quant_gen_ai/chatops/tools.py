"""The only things the assistant can do: read/act through the platform's own user-level APIs.

There is deliberately no delete tool and no admin tool; ids are checked so that an argument can
never reshape a path (``../admin/...``), and every call carries the calling user's own token.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quant_gen_ai.llm.types import ToolSpec

ID = {"type": "string", "pattern": r"^[A-Za-z0-9_-]{1,64}$"}
SYMBOL = {"type": "string", "pattern": r"^[A-Za-z0-9.^=-]{1,20}$"}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _obj(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


@dataclass(frozen=True)
class Tool:
    spec: ToolSpec
    domain: str
    method: str
    request: Callable[[dict[str, Any]], tuple[str, dict[str, Any]]]  # args -> (path, httpx kwargs)


def _backtest(a: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    body = {"strategy_id": a["strategy_id"], "symbols": a["symbols"], "interval": a.get("interval", "1d")}
    body.update({k: a[k] for k in ("start", "end") if k in a})
    return "/backtests", {"json": body}


TOOLS: dict[str, Tool] = {
    t.spec.name: t
    for t in [
        Tool(
            ToolSpec(
                name="run_backtest",
                description="Start a backtest of one of the user's stored strategies; returns a task id.",
                parameters=_obj(
                    {
                        "strategy_id": ID,
                        "symbols": {"type": "array", "items": SYMBOL, "minItems": 1, "maxItems": 20},
                        "interval": {"type": "string", "enum": ["1m", "5m", "15m", "1h", "4h", "1d", "1w"]},
                        "start": DATE,
                        "end": DATE,
                    },
                    ["strategy_id", "symbols"],
                ),
            ),
            "trading",
            "POST",
            _backtest,
        ),
        Tool(
            ToolSpec(
                name="task_status",
                description="Status and progress of one of the user's tasks (e.g. a backtest).",
                parameters=_obj({"task_id": ID}, ["task_id"]),
            ),
            "trading",
            "GET",
            lambda a: (f"/tasks/{a['task_id']}", {}),
        ),
        Tool(
            ToolSpec(
                name="get_signal",
                description="The current buy/sell/hold signal of a stored strategy for a symbol.",
                parameters=_obj({"strategy_id": ID, "symbol": SYMBOL}, ["strategy_id", "symbol"]),
            ),
            "trading",
            "GET",
            lambda a: (f"/signals/{a['strategy_id']}", {"params": {"symbol": a["symbol"]}}),
        ),
        Tool(
            ToolSpec(name="list_watchlists", description="The user's watchlists.", parameters=_obj({}, [])),
            "user",
            "GET",
            lambda a: ("/watchlists", {}),
        ),
        Tool(
            ToolSpec(
                name="list_strategies", description="The user's stored strategies.", parameters=_obj({}, [])
            ),
            "trading",
            "GET",
            lambda a: ("/strategies", {}),
        ),
        Tool(
            ToolSpec(
                name="list_backtests", description="The user's recent backtests.", parameters=_obj({}, [])
            ),
            "trading",
            "GET",
            lambda a: ("/backtests", {"params": {"limit": 10}}),
        ),
    ]
}


def tool_specs() -> list[ToolSpec]:
    return [t.spec for t in TOOLS.values()]
