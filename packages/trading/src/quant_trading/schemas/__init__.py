"""Request/response models of the trading API."""
