"""A backtest's trades stored as one compact binary value instead of one subdocument per trade.

Columns of raw int64/float64 arrays (the shared ``input_codec``; strings stay JSON): the tens of
thousands of trades of a run on minute bars are one field of a few MB that the database stores and
returns without decoding a document per trade. A page is decoded and turned into trades on read.
"""

import math
from array import array
from typing import Any

from quant_shared.workers import input_codec
from quant_trading.models import Trade
from quant_trading.services.engine_bridge import to_datetime

TIMES = ("entry_time", "exit_time")
FLOATS = ("entry_price", "exit_price", "size", "pnl", "return_pct", "commission")
TEXTS = ("symbol", "side", "exit_reason")
NO_TIME = -(2**63)  # an open trade's exit time


def _ms(value) -> int:
    return NO_TIME if value is None else int(round(value.timestamp() * 1000))


def encode(trades: list[Trade]) -> bytes:
    columns: dict[str, Any] = {name: [getattr(t, name) for t in trades] for name in TEXTS}
    columns.update({name: array("q", [_ms(getattr(t, name)) for t in trades]) for name in TIMES})
    columns["duration_bars"] = array("q", [t.duration_bars for t in trades])
    for name in FLOATS:
        columns[name] = array(
            "d", [math.nan if getattr(t, name) is None else getattr(t, name) for t in trades]
        )
    return input_codec.encode(columns)


def page(log: bytes, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    """Trades ``offset`` to ``offset + limit`` of the log, and how many it holds."""
    if not log:
        return [], 0
    columns = input_codec.decode(log, arrays=True)
    total = len(columns["symbol"])
    rows = []
    for k in range(offset, min(offset + limit, total)):
        row = {name: columns[name][k] for name in (*TEXTS, "duration_bars")}
        row.update(
            {name: None if columns[name][k] == NO_TIME else to_datetime(columns[name][k]) for name in TIMES}
        )
        row.update({name: None if math.isnan(columns[name][k]) else columns[name][k] for name in FLOATS})
        rows.append(row)
    return rows, total
