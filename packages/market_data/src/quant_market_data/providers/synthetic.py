"""Offline deterministic provider: seeded GBM bars, clearly SYNTHETIC (never real prices)."""

from datetime import datetime

from quant_market_data.engine.columns import BarColumns
from quant_market_data.engine.synthetic import calendar, gbm_bars, symbol_seed
from quant_market_data.providers.demo_universe import DEFAULT_PARAMS, GBM_PARAMS
from quant_shared.enums import AssetClass, DataInterval, MarketDataProvider


def is_crypto(symbol: str) -> bool:
    return "-" in symbol


class SyntheticProvider:
    name = MarketDataProvider.SYNTHETIC
    asset_class = AssetClass.STOCK

    def __init__(self, seed: int = 7) -> None:
        self.seed = seed

    def generate(self, symbol: str, interval: DataInterval, start: datetime, end: datetime) -> BarColumns:
        crypto = is_crypto(symbol)
        price, drift, vol, daily_volume = GBM_PARAMS.get(
            symbol, DEFAULT_PARAMS[AssetClass.CRYPTO if crypto else None]
        )
        ts = calendar(start, end, interval, all_week=crypto)
        if interval.seconds < 86_400:
            per_bar = daily_volume * interval.seconds / (86_400 if crypto else 7 * 3_600)
        else:
            per_bar = daily_volume * interval.seconds / 86_400 * (1 if crypto else 5 / 7)
        seed = symbol_seed(f"{symbol}:{interval.value}", self.seed)
        return gbm_bars(
            ts, interval, start_price=price, drift=drift, volatility=vol, base_volume=per_bar, seed=seed
        )

    async def fetch_bars(
        self, symbol: str, interval: DataInterval, start: datetime, end: datetime
    ) -> BarColumns:
        return self.generate(symbol.upper(), interval, start, end)
