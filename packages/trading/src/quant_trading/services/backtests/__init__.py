"""Backtests: validation and ownership, runs on the engine, results and trades, and the strategy
performance completed backtests feed."""
