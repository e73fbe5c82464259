"""Quant Platform ml platform domain."""

__version__ = "0.1.0"
