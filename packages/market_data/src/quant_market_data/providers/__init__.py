"""Bar providers: the offline synthetic default and real HTTP clients (Binance, Yahoo chart)."""
