"""OpenAPI tags of the market-data router groups (one per group, in display order)."""

INSTRUMENTS = "Market Data Instruments"
BARS = "Market Data Bars"
UPLOADS = "Market Data Uploads"
QUOTES = "Market Data Quotes"
FUNDAMENTALS = "Market Data Fundamentals"
QUALITY = "Market Data Quality"
INGESTION = "Market Data Ingestion"
ADMIN = "Admin Market Data"

TAGS = [
    {"name": INSTRUMENTS, "description": "Search and look up instruments (stocks, ETFs, crypto pairs)."},
    {"name": BARS, "description": "OHLCV bars by symbol, interval and range: paged, columnar, resampled."},
    {"name": UPLOADS, "description": "Bulk bar uploads (JSON, CSV), validated whole, idempotent (admin)."},
    {"name": QUOTES, "description": "Latest quote and day change for many symbols at once."},
    {"name": FUNDAMENTALS, "description": "Company fundamentals by symbol and fiscal period."},
    {"name": QUALITY, "description": "Data-quality findings (gaps, duplicates, OHLC, staleness, outliers)."},
    {"name": INGESTION, "description": "Pull bars from a provider (synthetic, Binance, Yahoo) as a task."},
    {"name": ADMIN, "description": "Delete a symbol's data, re-run every quality check (admin only)."},
]
