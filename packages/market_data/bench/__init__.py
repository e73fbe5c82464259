"""Benchmarks of the market-data domain (run ``python packages/market_data/bench/market_data_bench.py``)."""
