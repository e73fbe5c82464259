"""Business logic of the trading domain (no FastAPI)."""
