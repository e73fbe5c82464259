"""Deployments: live versions of a model, their ModelDeployed signals, predictions."""
