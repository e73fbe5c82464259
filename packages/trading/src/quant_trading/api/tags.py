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
    {
        "name": "Signals",
        "description": "Current and historical buy/sell/hold signals of a strategy; paper runs acting on "
        "them bar by bar as bars are appended (fills, equity, risk stops) and their webhooks.",
    },
    {
        "name": "Admin Backtests",
        "description": "Every user's backtests and paper runs; the paper-trading kill switch (admin "
        "role only).",
    },
]
