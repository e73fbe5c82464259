"""Strategies and strategy templates (the built-in library and users' own), validated against each
type's schema."""
