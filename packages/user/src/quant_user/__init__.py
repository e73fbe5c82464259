"""Quant Platform user domain."""

__version__ = "0.1.0"
