"""Business logic of the user domain (no FastAPI imports)."""
