"""Market regimes: a Gaussian mixture on rolling return and volatility, states named by their means."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from quant_shared.enums import MarketRegimeType as R

WINDOW = 10
MIN_BARS = 60
HIGH_VOL_RATIO = 2.5


@dataclass
class RegimeFit:
    timestamps: np.ndarray  # epoch ms
    regimes: list[R]
    probabilities: np.ndarray
    states: list[dict]


def regime_inputs(bars: pd.DataFrame, window: int = WINDOW) -> pd.DataFrame:
    """Per bar: mean log return and volatility over the trailing window (causal)."""
    logret = np.log(bars["close"] / bars["close"].shift(1))
    frame = pd.DataFrame(
        {"ret": logret.rolling(window).mean(), "vol": logret.rolling(window).std(ddof=1)}, index=bars.index
    )
    return frame.dropna()


def name_states(trend: np.ndarray, log_vol: np.ndarray) -> dict[int, R]:
    """States far above the calmest one in volatility -> high_volatility; the others by trend strength.

    ``trend`` is each state's mean of return / volatility * sqrt(window) (a t-statistic of the drift):
    above +1 bull, below -1 bear, otherwise sideways.
    """
    calm = log_vol.min()
    names: dict[int, R] = {}
    for state, (t, v) in enumerate(zip(trend, log_vol, strict=True)):
        if v > calm + np.log(HIGH_VOL_RATIO):
            names[state] = R.HIGH_VOLATILITY
        else:
            names[state] = R.BULL if t > 1 else R.BEAR if t < -1 else R.SIDEWAYS
    return names


def fit_regimes(bars: pd.DataFrame, components: int = 4) -> RegimeFit:
    inputs = regime_inputs(bars)
    if len(inputs) < MIN_BARS:
        raise ValueError(f"too few bars: {len(inputs)} usable, at least {MIN_BARS} needed")
    trend = inputs["ret"] / inputs["vol"].clip(lower=1e-12) * np.sqrt(WINDOW)
    X = np.column_stack([trend, np.log(inputs["vol"].clip(lower=1e-12))])
    from sklearn.mixture import GaussianMixture  # scikit-learn is imported on first use, not at start

    gmm = GaussianMixture(n_components=components, covariance_type="full", random_state=0, n_init=3).fit(X)
    names = name_states(gmm.means_[:, 0], gmm.means_[:, 1])
    proba = gmm.predict_proba(X)
    regimes, probabilities = [], []
    for row in proba:
        totals: dict[R, float] = {}
        for state, p in enumerate(row):
            totals[names[state]] = totals.get(names[state], 0.0) + float(p)
        best = max(totals, key=totals.__getitem__)
        regimes.append(best)
        probabilities.append(totals[best])
    weights = proba / proba.sum(axis=0).clip(min=1e-12)
    states = [
        {
            "regime": names[s],
            "mean_return": float(weights[:, s] @ inputs["ret"].to_numpy()),
            "volatility": float(weights[:, s] @ inputs["vol"].to_numpy()),
            "weight": float(gmm.weights_[s]),
        }
        for s in range(components)
    ]
    return RegimeFit(inputs.index.to_numpy("int64"), regimes, np.array(probabilities), states)


def warm_up() -> None:
    """Import scikit-learn and fit once on a synthetic walk (a first request then does not wait for it)."""
    rng = np.random.default_rng(0)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, 2 * MIN_BARS)))
    fit_regimes(pd.DataFrame({"close": close}), components=2)
