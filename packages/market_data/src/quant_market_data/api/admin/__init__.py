"""Admin routes of the market-data domain."""
