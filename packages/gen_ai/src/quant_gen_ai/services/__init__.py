"""Business logic of the gen-AI domain (no FastAPI here)."""
