"""Governed prompt text: the sandboxed renderer and the built-in prompts."""
