"""Quant Platform gen ai domain."""

__version__ = "0.1.0"
