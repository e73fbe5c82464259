"""The model registry: versions, lifecycle, aliases, archiving and deleting models."""
