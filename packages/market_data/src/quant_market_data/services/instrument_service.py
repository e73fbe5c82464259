"""Instruments: search, lookup, creation, deletion."""

import re

from quant_market_data.models import DataQualityEvent, Fundamental, Instrument
from quant_shared.enums import AssetClass
from quant_shared.errors import ConflictError, NotFoundError


async def get_instrument(symbol: str) -> Instrument:
    instrument = await Instrument.find_one({"symbol": symbol.upper()})
    if instrument is None:
        raise NotFoundError(f"Unknown symbol {symbol}")
    return instrument


def search_instruments(q: str | None, asset_class: AssetClass | None):
    """The find query of instruments matching ``q`` (symbol or name, any case) and the class."""
    return Instrument.find(search_filter(q, asset_class))


def search_filter(q: str | None, asset_class: AssetClass | None) -> dict:
    query: dict = {}
    if q:
        pattern = re.escape(q.strip())
        query["$or"] = [
            {"symbol": {"$regex": pattern, "$options": "i"}},
            {"name": {"$regex": pattern, "$options": "i"}},
        ]
    if asset_class is not None:
        query["asset_class"] = asset_class.value
    return query


async def create_instrument(instrument: Instrument) -> Instrument:
    if await Instrument.find_one({"symbol": instrument.symbol}) is not None:
        raise ConflictError(f"Instrument {instrument.symbol} already exists")
    await instrument.insert()
    return instrument


async def delete_instrument(instrument: Instrument, bars: int) -> dict:
    """Delete the instrument with its fundamentals and quality events (its ``bars`` already deleted)."""
    symbol = instrument.symbol
    fundamentals = (await Fundamental.find({"symbol": symbol}).delete()).deleted_count
    events = (await DataQualityEvent.find({"symbol": symbol}).delete()).deleted_count
    await instrument.delete()
    return {"symbol": symbol, "bars": bars, "fundamentals": fundamentals, "quality_events": events}


async def known_symbols(symbols: list[str]) -> dict[str, Instrument]:
    found = await Instrument.find({"symbol": {"$in": symbols}}).to_list()
    return {i.symbol: i for i in found}
