"""OpenAPI tags of the ML platform, in display order."""

TAGS: list[dict] = [
    {
        "name": "Features",
        "description": "Feature store: definitions, immutable versions, materialization, "
        "point-in-time and latest values.",
    },
    {
        "name": "ML Experiments",
        "description": "Training runs with walk-forward validation, metrics and lineage.",
    },
    {"name": "ML Models", "description": "Model registry, aliases, deployments, predictions and ML signals."},
    {
        "name": "ML Evaluations",
        "description": "Benchmarks against baselines, A/B tests, fairness audits, "
        "feature data-quality checks.",
    },
    {
        "name": "ML Regimes",
        "description": "Market regime detection (Gaussian mixture on returns and volatility).",
    },
    {"name": "Admin Models", "description": "Every user's models and deployments (admin only)."},
]
