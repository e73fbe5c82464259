"""Beanie documents of the ML platform."""
