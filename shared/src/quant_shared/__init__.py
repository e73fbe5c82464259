"""Quant Platform common package shared by every domain."""

__version__ = "0.1.0"
