"""OpenAPI tag metadata of the trading domain, in display order."""

TAGS: list[dict] = [
    {
        "name": "Backtests",
        "description": "Run strategies over market data as tasks; KPIs, trades, equity; portfolio backtests, "
        "correlation and Monte Carlo projections.",
    },
    {
        "name": "Strategies",
        "description": "Your strategies: type, validated parameters, rule specs, ML links.",
    },
    {"name": "Strategy Templates", "description": "Built-in strategy library and your own templates."},
    {
        "name": "Optimization",
        "description": "Grid, random and Bayesian parameter search; walk-forward analysis.",
    },
    {"name": "Signals", "description": "Current and historical buy/sell/hold signals of a strategy."},
    {"name": "Admin Backtests", "description": "Every user's backtests (admin role only)."},
    {
        "name": "Paper Trading",
        "description": "Strategies run forward on appended bars with simulated cash: fills, equity, "
        "risk stops.",
    },
    {
        "name": "Admin Paper Trading",
        "description": "Every user's paper runs and the kill switch (admin only).",
    },
]
