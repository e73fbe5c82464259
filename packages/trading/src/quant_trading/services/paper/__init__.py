"""Paper trading: strategies run forward on appended bars with the backtest engine's code."""
