"""Quant Platform trading domain."""

__version__ = "0.1.0"
