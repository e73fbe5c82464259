"""Training rows: features at bar t (known at its close) and the next period's direction or return."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from quant_shared.enums import PredictionTarget


@dataclass
class Dataset:
    X: np.ndarray
    y: np.ndarray
    next_return: np.ndarray
    last_return: np.ndarray  # close[t] / close[t-1] - 1, for the persistence baseline
    timestamps: np.ndarray  # epoch ms of the bar the features belong to
    symbols: np.ndarray
    columns: list[str]


def next_returns(bars: pd.DataFrame) -> pd.Series:
    """close[t+1] / close[t] - 1 for each bar t (NaN on the last bar)."""
    close = bars["close"]
    return close.shift(-1) / close - 1


def build_dataset(
    matrices: dict[str, pd.DataFrame],
    bars: dict[str, pd.DataFrame],
    columns: list[str],
    target: PredictionTarget,
) -> Dataset:
    """Pool every symbol's complete rows, ordered by time (then symbol) for walk-forward splits."""
    parts = []
    for symbol, matrix in matrices.items():
        frame = matrix.reindex(columns=columns).copy()
        frame["__ret"] = next_returns(bars[symbol]).reindex(frame.index)
        close = bars[symbol]["close"]
        frame["__last"] = (close / close.shift(1) - 1).reindex(frame.index)
        frame["__symbol"] = symbol
        parts.append(frame.dropna())
    if not parts:
        return Dataset(
            np.empty((0, len(columns))), np.empty(0), np.empty(0), np.empty(0), np.empty(0), columns
        )
    pooled = pd.concat(parts)
    pooled["__ts"] = pooled.index.astype("int64")
    pooled = pooled.sort_values(["__ts", "__symbol"], kind="stable")
    ret = pooled["__ret"].to_numpy(float)
    y = (ret > 0).astype(int) if target == PredictionTarget.DIRECTION else ret
    return Dataset(
        X=pooled[columns].to_numpy(float),
        y=y,
        next_return=ret,
        last_return=pooled["__last"].to_numpy(float),
        timestamps=pooled["__ts"].to_numpy("int64"),
        symbols=pooled["__symbol"].to_numpy(str),
        columns=columns,
    )


def feature_rows(matrix: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The complete feature rows of one symbol, in the model's column order."""
    return matrix.reindex(columns=columns).dropna()
