"""Bounds of an accepted bar timestamp (epoch ms): 1900-01-01 inclusive to 2200-01-01 exclusive."""

MIN_MS, MAX_MS = -2_208_988_800_000, 7_258_118_400_000
