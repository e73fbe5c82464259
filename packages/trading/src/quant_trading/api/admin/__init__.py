"""Admin-only routes of the trading domain."""
