"""Business logic of the market-data domain (no FastAPI here)."""
