"""Benchmarks of the trading engine (run ``python -m bench.sma_benchmark`` from packages/trading)."""
