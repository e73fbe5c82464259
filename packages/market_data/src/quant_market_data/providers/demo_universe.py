"""The demo universe: instruments and the synthetic-series parameters of each (all SYNTHETIC)."""

from quant_shared.enums import AssetClass

STOCK = dict(asset_class=AssetClass.STOCK, exchange="NASDAQ", currency="USD")
DEMO_INSTRUMENTS = [
    dict(symbol="AAPL", name="Apple Inc. (synthetic)", sector="Technology",
         industry="Consumer Electronics", **STOCK),
    dict(symbol="MSFT", name="Microsoft Corp. (synthetic)", sector="Technology",
         industry="Software", **STOCK),
    dict(symbol="GOOG", name="Alphabet Inc. (synthetic)", sector="Communication Services",
         industry="Internet Content", **STOCK),
    dict(symbol="AMZN", name="Amazon.com Inc. (synthetic)", sector="Consumer Cyclical",
         industry="Internet Retail", **STOCK),
    dict(symbol="SPY", name="SPDR S&P 500 ETF (synthetic)", asset_class=AssetClass.ETF, exchange="NYSE Arca",
         currency="USD"),
    dict(symbol="BTC-USD", name="Bitcoin / US Dollar (synthetic)", asset_class=AssetClass.CRYPTO,
         exchange="CRYPTO", currency="USD", base="BTC", quote="USD"),
    dict(symbol="ETH-USD", name="Ether / US Dollar (synthetic)", asset_class=AssetClass.CRYPTO,
         exchange="CRYPTO", currency="USD", base="ETH", quote="USD"),
]  # fmt: skip

# symbol -> (start price, annual drift, annual volatility, typical daily volume)
GBM_PARAMS = {
    "AAPL": (150.0, 0.12, 0.28, 60e6),
    "MSFT": (280.0, 0.11, 0.25, 25e6),
    "GOOG": (120.0, 0.10, 0.30, 22e6),
    "AMZN": (130.0, 0.09, 0.33, 45e6),
    "SPY": (420.0, 0.08, 0.17, 70e6),
    "BTC-USD": (30000.0, 0.20, 0.60, 30e3),
    "ETH-USD": (2000.0, 0.18, 0.75, 300e3),
}
DEFAULT_PARAMS = {AssetClass.CRYPTO: (100.0, 0.1, 0.7, 1e5), None: (100.0, 0.07, 0.25, 1e6)}
