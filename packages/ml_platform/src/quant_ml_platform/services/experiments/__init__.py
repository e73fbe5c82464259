"""Experiments: training data, training runs as tasks, recovery of interrupted runs."""
