"""Provider instances from the domain settings."""

from quant_market_data.providers.base import BarProvider
from quant_market_data.providers.binance import BinanceProvider
from quant_market_data.providers.synthetic import SyntheticProvider
from quant_market_data.providers.yahoo import YahooChartProvider
from quant_market_data.settings import MarketDataSettings
from quant_shared.enums import MarketDataProvider


def provider_for(
    name: MarketDataProvider, settings: MarketDataSettings, adjusted: bool = False
) -> BarProvider:
    """``adjusted``: split- and dividend-adjusted prices where the provider has them (Yahoo)."""
    http = dict(
        timeout=settings.provider_timeout_seconds,
        max_retries=settings.provider_max_retries,
        max_wait=settings.provider_max_wait_seconds,
    )
    if name == MarketDataProvider.BINANCE:
        return BinanceProvider(settings.binance_base_url, **http)
    if name == MarketDataProvider.YAHOO:
        return YahooChartProvider(settings.yahoo_base_url, adjusted=adjusted, **http)
    return SyntheticProvider(settings.seed)
