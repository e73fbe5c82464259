"""Pull bars from a provider into the store (the body of the ``ingest`` task)."""

from quant_market_data.models import Instrument
from quant_market_data.providers.base import BarProvider
from quant_market_data.schemas.ingest import IngestRequest
from quant_market_data.services.bar_ingest_service import BarIngestService
from quant_shared.enums import AssetClass, DataSource
from quant_shared.tasks import TaskContext
from quant_shared.timeutil import as_utc


async def ensure_instrument(symbol: str, provider: BarProvider) -> Instrument:
    instrument = await Instrument.find_one({"symbol": symbol})
    if instrument is not None:
        return instrument
    crypto = provider.asset_class == AssetClass.CRYPTO or "-" in symbol
    base, _, quote = symbol.partition("-")
    instrument = Instrument(
        symbol=symbol,
        name=f"{symbol} ({provider.name.value})",
        asset_class=AssetClass.CRYPTO if crypto else AssetClass.STOCK,
        base=base if crypto else None,
        quote=(quote or None) if crypto else None,
        source=DataSource(provider.name.value),
    )
    await instrument.insert()
    return instrument


async def run_ingest(
    request: IngestRequest, provider: BarProvider, service: BarIngestService, ctx: TaskContext
) -> dict:
    symbol = request.symbol.upper()
    await ctx.progress(0.05, f"fetching {symbol} {request.interval.value} from {provider.name.value}")
    bars = await provider.fetch_bars(symbol, request.interval, as_utc(request.start), as_utc(request.end))
    await ctx.progress(0.6, f"received {len(bars)} bars, storing")
    if len(bars) == 0:
        return {"symbol": symbol, "interval": request.interval.value, "received": 0, "inserted": 0}
    await ensure_instrument(symbol, provider)
    return await service.ingest_bars(symbol, request.interval, bars, source=provider.name.value)
