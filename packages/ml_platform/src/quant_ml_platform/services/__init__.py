"""Business logic of the ML platform (no FastAPI imports)."""
