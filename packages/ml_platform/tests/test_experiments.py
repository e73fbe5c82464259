"""Experiments: walk-forward training, recorded metrics checked against direct computations, bad input."""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .helpers import define_features, materialize, train
from .market_data_contract import SYMBOLS


def _rows(symbol, warm=10):
    """Independent dataset: ret1, ret5, vol10 (rsi left out) and the next bar's direction."""
    close = np.array(SYMBOLS[symbol]["close"])
    logret = np.concatenate([[np.nan], np.log(close[1:] / close[:-1])])
    rows, ys, rets = [], [], []
    for t in range(warm, len(close) - 1):
        vol = np.std(logret[t - 9 : t + 1], ddof=1)
        rows.append([close[t] / close[t - 1] - 1, close[t] / close[t - 5] - 1, vol])
        rets.append(close[t + 1] / close[t] - 1)
        ys.append(int(rets[-1] > 0))
    return np.array(rows), np.array(ys), np.array(rets)


async def test_walk_forward_metrics_match_an_independent_run(client, auth):
    names = await define_features(client, auth)
    await materialize(client, auth, names, ["AAA"])
    exp = await train(client, auth, ["ret1", "ret5", "vol10"], strategy_id="strat-1", n_splits=3)
    assert exp["status"] == "completed" and exp["strategy_id"] == "strat-1"
    assert exp["feature_refs"] == ["ret1@1", "ret5@1", "vol10@1"]
    X, y, rets = _rows("AAA")
    assert exp["n_samples"] == len(y)
    fold = len(y) // 4  # TimeSeriesSplit(3): test folds are the last 3 quarters (one symbol: rows == bars)
    preds, truth, fwd = [], [], []
    for k in range(3):
        train_end = len(y) - (3 - k) * fold
        model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500)).fit(
            X[:train_end], y[:train_end]
        )
        p = model.predict_proba(X[train_end : train_end + fold])[:, 1]
        (
            preds.append(p),
            truth.append(y[train_end : train_end + fold]),
            fwd.append(rets[train_end : train_end + fold]),
        )
        assert exp["folds"][k]["train_rows"] == train_end and exp["folds"][k]["test_rows"] == fold
    p, t, r = np.concatenate(preds), np.concatenate(truth), np.concatenate(fwd)
    hits = (p > 0.5).astype(int)
    assert abs(exp["metrics"]["accuracy"] - np.mean(hits == t)) < 1e-12
    tp = np.sum((hits == 1) & (t == 1))
    assert abs(exp["metrics"]["precision"] - tp / hits.sum()) < 1e-12
    assert abs(exp["metrics"]["recall"] - tp / t.sum()) < 1e-12
    loss = -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))
    assert abs(exp["metrics"]["log_loss"] - loss) < 1e-9
    strat = hits * r
    assert abs(exp["trading"]["total_return"] - (np.prod(1 + strat) - 1)) < 1e-9
    sharpe = strat.mean() / strat.std(ddof=1) * np.sqrt(252)
    assert abs(exp["trading"]["sharpe"] - sharpe) < 1e-9
    assert abs(exp["trading"]["buy_and_hold_return"] - (np.prod(1 + r) - 1)) < 1e-9
    listed = (await client.get("/ml/experiments?strategy_id=strat-1", headers=auth)).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == exp["id"]


async def test_tree_models_and_return_target_train(client, auth):
    names = await define_features(client, auth)
    await materialize(client, auth, names, ["AAA", "BBB"])
    forest = await train(
        client, auth, names, ["AAA", "BBB"], algorithm="random_forest", params={"n_estimators": 20}
    )
    assert forest["status"] == "completed" and 0 <= forest["metrics"]["roc_auc"] <= 1
    assert forest["n_samples"] == 2 * (360 - 15)
    ridge = await train(client, auth, names, target="return", algorithm="ridge_regression")
    assert ridge["metrics"]["rmse"] > 0 and "direction_accuracy" in ridge["metrics"]


async def test_bad_training_input_is_422_and_writes_nothing(client, auth):
    names = await define_features(client, auth)
    base = {"name": "e", "features": names, "symbols": ["AAA"]}
    cases = [
        ({**base, "features": ["ret1", "ghost"]}, "body.features.1"),
        ({**base, "symbols": ["NOPE"]}, "body.symbols.0"),
        (base, "body.features"),  # nothing materialized yet: empty training window
        ({**base, "algorithm": "ridge_regression"}, "body.algorithm"),
        ({**base, "params": {"C": -1}}, "body.params.C"),
        ({**base, "params": {"depth": 3}}, "body.params.depth"),
        ({**base, "strategy_id": "not-mine"}, "body.strategy_id"),  # trading answers 404
    ]
    for body, field in cases:
        resp = await client.post("/ml/experiments", json=body, headers=auth)
        assert resp.status_code == 422, (body, resp.text)
        assert resp.json()["errors"][0]["field"] == field, resp.json()
    await materialize(client, auth, names, ["AAA"])
    few = {**base, "start": "2023-06-01T00:00:00Z", "end": "2023-06-20T00:00:00Z"}
    resp = await client.post("/ml/experiments", json=few, headers=auth)
    assert resp.status_code == 422 and "too few samples" in resp.json()["detail"]
    assert (await client.get("/ml/experiments", headers=auth)).json()["total"] == 0
