"""Evaluations: benchmarks, A/B tests, fairness audits, feature data quality."""
