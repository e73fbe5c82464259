"""A paper book's fills from the engine's trade records, numbered so that a later step gives every
earlier fill the same identity: trade ``k`` is the ``k``-th entry of the book (entries are causal, so
numbers never change), and an exit is part ``p`` of its trade (a trade closed in parts, with
pyramiding's partial closes, has one exit per part, in the order they happened)."""

from datetime import UTC, datetime
from typing import Any

from quant_shared.enums import OrderSide, PaperFillAction, TradeType
from quant_trading.models import Trade

OPEN = 2**62  # an open record sorts after every exit


def ms(value: datetime) -> int:
    return int(value.replace(tzinfo=value.tzinfo or UTC).timestamp() * 1000)


def _entry(k: int, records: list[Trade]) -> dict[str, Any]:
    first = records[0]
    whole = len(records) == 1 and first.exit_time is None  # the entry's own fee is known only then
    return {
        "trade": k,
        "part": 0,
        "action": PaperFillAction.ENTRY,
        "side": OrderSide.BUY if first.side == TradeType.LONG else OrderSide.SELL,
        "time": first.entry_time,
        "price": first.entry_price,
        "units": sum(r.size for r in records),
        "commission": first.commission if whole else None,
        "pnl": None,
        "reason": None,
    }


def _exit(k: int, part: int, record: Trade) -> dict[str, Any]:
    return {
        "trade": k,
        "part": part,
        "action": PaperFillAction.EXIT,
        "side": OrderSide.SELL if record.side == TradeType.LONG else OrderSide.BUY,
        "time": record.exit_time,
        "price": record.exit_price,
        "units": record.size,
        "commission": record.commission,
        "pnl": record.pnl,
        "reason": record.exit_reason,
    }


def book_fills(trades: list[Trade], after: int) -> tuple[list[dict[str, Any]], int]:
    """The fills after ``after`` (epoch ms) and the number of trades entered so far."""
    by_entry: dict[tuple[int, str], list[Trade]] = {}
    for record in trades:
        by_entry.setdefault((ms(record.entry_time), record.side.value), []).append(record)
    fills = []
    for k, key in enumerate(sorted(by_entry)):
        records = sorted(by_entry[key], key=lambda r: OPEN if r.exit_time is None else ms(r.exit_time))
        if key[0] > after:
            fills.append(_entry(k, records))
        for part, record in enumerate(r for r in records if r.exit_time is not None):
            if ms(record.exit_time) > after:
                fills.append(_exit(k, part, record))
    return fills, len(by_entry)
