"""OpenAPI tags of the ML platform, in display order."""

from quant_shared.openapi.tags import ADMIN_MODELS_TAG

TAGS: list[dict] = [
    {
        "name": "Features",
        "description": "Feature store: definitions, immutable versions, materialization, "
        "point-in-time and latest values; market regimes (Gaussian mixture on returns and volatility).",
    },
    {
        "name": "ML Experiments",
        "description": "Training runs with walk-forward validation, metrics and lineage.",
    },
    {"name": "ML Models", "description": "Model registry: models, versions, lineage, metrics and aliases."},
    {
        "name": "ML Deployments",
        "description": "Deployed models: deployments, predictions and their log, the ML signals they emit.",
    },
    {
        "name": "ML Evaluations",
        "description": "Benchmarks against baselines, A/B tests, fairness audits, "
        "feature data-quality checks.",
    },
    ADMIN_MODELS_TAG,
]
