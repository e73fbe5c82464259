"""Instruments: search, lookup, creation."""

import re

from quant_market_data.models import Instrument
from quant_shared.enums import AssetClass
from quant_shared.errors import ConflictError, NotFoundError


async def get_instrument(symbol: str) -> Instrument:
    instrument = await Instrument.find_one({"symbol": symbol.upper()})
    if instrument is None:
        raise NotFoundError(f"Unknown symbol {symbol}")
    return instrument


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


async def known_symbols(symbols: list[str]) -> dict[str, Instrument]:
    found = await Instrument.find({"symbol": {"$in": symbols}}).to_list()
    return {i.symbol: i for i in found}
