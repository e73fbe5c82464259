"""Beanie documents of the user domain."""
