"""Quant Platform market data domain."""

__version__ = "0.1.0"
