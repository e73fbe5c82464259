"""Walk-forward analysis helpers: rolling (or anchored) in-sample / out-of-sample splits, stitched equity."""

import numpy as np


def walk_forward_splits(
    n_bars: int,
    n_splits: int,
    train_size: int | None = None,
    test_size: int | None = None,
    anchored: bool = False,
) -> list[tuple[slice, slice]]:
    """``n_splits`` consecutive (train, test) bar slices; test windows tile the tail of the data without
    overlap, each train window ends where its test window starts. Defaults: test = n / (n_splits + 4),
    train = 4 x test (rolling) or everything before the test window (anchored)."""
    if n_splits < 1:
        raise ValueError("n_splits: must be >= 1")
    test = test_size or n_bars // (n_splits + 4)
    train = train_size or 4 * test
    if test < 1 or train < 1 or train + n_splits * test > n_bars:
        raise ValueError(
            f"n_splits: {n_splits} splits of train {train} + test {test} bars need more than {n_bars} bars"
        )
    first_test = n_bars - n_splits * test
    out = []
    for k in range(n_splits):
        start = first_test + k * test
        out.append((slice(0 if anchored else start - train, start), slice(start, start + test)))
    return out


def stitch_equity(segments: list[np.ndarray], initial: float) -> np.ndarray:
    """Chain out-of-sample equity curves: each segment's relative path continues from the previous end."""
    level, parts = float(initial), []
    for seg in segments:
        seg = np.asarray(seg, dtype=np.float64)
        if seg.shape[0] == 0:
            continue
        path = level * seg / seg[0]
        parts.append(path)
        level = float(path[-1])
    return np.concatenate(parts) if parts else np.array([float(initial)])
