"""Features: definitions and versions, materialization, stored values and their refresh."""
