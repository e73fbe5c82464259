"""Pure computation of the ML platform (no database, no HTTP)."""
