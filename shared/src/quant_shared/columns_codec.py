"""Compressed numeric columns (Blosc2: byte shuffle + Zstandard): bar buckets, task inputs.

A float column whose values are all exact decimals of at most ``MAX_DECIMALS`` places (prices in
ticks, volumes in lots) is stored as integer ticks, which compress several times better than the
doubles; decoding divides by the same power of ten, which gives back the very same doubles (the
encoder checks that before choosing it). Any other column is stored as its raw doubles.
"""

import blosc2
import numpy as np

MAX_DECIMALS = 8
RAW = -1  # scale of a column stored as raw doubles
MAX_TICKS = 2**53  # integers above this are not exact as doubles
CODEC = {"codec": blosc2.Codec.ZSTD, "clevel": 3, "filters": [blosc2.Filter.SHUFFLE]}


def decimals(values: np.ndarray) -> int:
    """The fewest decimal places that hold every value exactly, or ``RAW``."""
    if values.size == 0:
        return 0
    if not np.isfinite(values).all():
        return RAW
    sample = values[:: max(1, values.size // 512)]
    for places in range(MAX_DECIMALS + 1):
        if _exact(sample, places) and _exact(values, places):
            return places
    return RAW


def _exact(values: np.ndarray, places: int) -> bool:
    scale = 10.0**places
    ticks = np.round(values * scale)
    return bool(np.abs(ticks).max() < MAX_TICKS and np.array_equal(ticks / scale, values))


def encode_floats(values: np.ndarray) -> tuple[bytes, int]:
    """Compressed bytes of a float column and its scale (decimal places, or ``RAW``)."""
    values = np.ascontiguousarray(values, dtype=np.float64)
    places = decimals(values)
    if places == RAW:
        return blosc2.compress2(values, typesize=8, **CODEC), RAW
    ticks = np.round(values * 10.0**places).astype(np.int64)
    return blosc2.compress2(ticks, typesize=8, **CODEC), places


def decode_floats(blob: bytes, places: int) -> np.ndarray:
    if places == RAW:
        return np.frombuffer(blosc2.decompress2(blob), dtype=np.float64).copy()
    ticks = np.frombuffer(blosc2.decompress2(blob), dtype=np.int64)
    return ticks / 10.0**places


def encode_times(stamps: np.ndarray) -> bytes:
    """Epoch-millisecond timestamps, as differences from the previous one (mostly one constant)."""
    stamps = np.ascontiguousarray(stamps, dtype=np.int64)
    return blosc2.compress2(np.diff(stamps, prepend=np.int64(0)), typesize=8, **CODEC)


def decode_times(blob: bytes) -> np.ndarray:
    return np.cumsum(np.frombuffer(blosc2.decompress2(blob), dtype=np.int64))
