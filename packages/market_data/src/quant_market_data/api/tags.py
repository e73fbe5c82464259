"""OpenAPI tags of the market-data router groups: what every user reads, and the admin operations."""

MARKET_DATA = "Market Data"
ADMIN = "Admin Market Data"

TAGS = [
    {
        "name": MARKET_DATA,
        "description": "Instruments, OHLCV bars (paged, columnar, resampled), quotes, fundamentals and "
        "data-quality findings.",
    },
    {
        "name": ADMIN,
        "description": "Create instruments, upload bars and fundamentals, ingest from providers, resolve "
        "findings, run quality checks, delete a symbol's data (admin only).",
    },
]
