"""Admin routes of the user domain."""
