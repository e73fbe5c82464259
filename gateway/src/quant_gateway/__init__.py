"""Quant Platform gateway: composes every installed domain into one REST API."""

__version__ = "0.1.0"
