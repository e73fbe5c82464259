"""Portfolio backtests (target weights, rebalancing) and portfolio analytics (correlation, Monte Carlo)."""
