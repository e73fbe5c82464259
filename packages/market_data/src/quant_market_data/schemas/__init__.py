"""Request and response models of the market-data API (the contract other domains use)."""
