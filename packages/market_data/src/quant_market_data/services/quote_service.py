"""Latest quote and day change from the daily bars."""

import asyncio

from quant_market_data.services.bar_store import BarStore
from quant_market_data.services.instrument_service import known_symbols
from quant_shared.enums import DataInterval
from quant_shared.errors import ValidationProblem


def parse_symbols(raw: str, limit: int = 200) -> list[str]:
    symbols = list(dict.fromkeys(s.strip().upper() for s in raw.split(",") if s.strip()))
    if not symbols:
        raise ValidationProblem.field("query.symbols", "give at least one symbol")
    if len(symbols) > limit:
        raise ValidationProblem.field("query.symbols", f"at most {limit} symbols per request")
    return symbols


def quote_of(symbol: str, latest: list[dict]) -> dict:
    last = latest[0]
    previous = latest[1]["close"] if len(latest) > 1 else None
    change = None if previous is None else last["close"] - previous
    pct = None if previous in (None, 0) else change / previous * 100
    return {
        "symbol": symbol,
        "last": last["close"],
        "previous_close": previous,
        "change": None if change is None else round(change, 10),
        "change_pct": None if pct is None else round(pct, 10),
        "timestamp": last["timestamp"],
    }


async def quotes(symbols: list[str], store: BarStore) -> list[dict]:
    """Quotes in the requested order; unknown symbols or symbols without daily bars answer 422."""
    known = await known_symbols(symbols)
    unknown = [s for s in symbols if s not in known]
    latest = await asyncio.gather(*(store.latest(s, DataInterval.D1, 2) for s in symbols if s in known))
    by_symbol = dict(zip([s for s in symbols if s in known], latest, strict=True))
    empty = [s for s, bars in by_symbol.items() if not bars]
    errors = [{"field": "query.symbols", "message": f"unknown symbol {s}", "symbol": s} for s in unknown]
    errors += [{"field": "query.symbols", "message": f"no daily bars for {s}", "symbol": s} for s in empty]
    if errors:
        raise ValidationProblem("; ".join(e["message"] for e in errors), errors=errors)
    return [quote_of(s, by_symbol[s]) for s in symbols]
