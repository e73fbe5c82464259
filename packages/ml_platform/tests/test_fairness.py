"""Fairness audits: group rates and disparities checked against the model's own signals, recomputed."""

from datetime import datetime

import numpy as np

from .helpers import trained_model
from .market_data_contract import START, SYMBOLS

GROUPS = {"AAA": "tech", "BBB": "tech", "CCC": "energy", "DDD": "energy"}
WINDOW = {"start": "2023-06-01T00:00:00Z", "end": "2023-10-31T00:00:00Z"}


async def _expected(client, auth):
    """Per group: predicted-up flags (from /signals) and actual next-bar directions (from the bars)."""
    pred, actual = {}, {}
    for symbol, group in GROUPS.items():
        params = {
            "symbol": symbol,
            "interval": "1d",
            "start": "2023-06-02T00:00:00Z",
            "end": "2023-10-31T00:00:00Z",
        }
        items = (await client.get("/ml/models/clf/signals", params=params, headers=auth)).json()["items"]
        close = np.array(SYMBOLS[symbol]["close"])
        for item in items:
            day = (datetime.fromisoformat(item["timestamp"]) - START).days - 1  # the features' bar
            pred.setdefault(group, []).append(item["prediction"] > 0.5)
            actual.setdefault(group, []).append(close[day + 1] > close[day])
    return {g: np.array(v) for g, v in pred.items()}, {g: np.array(v) for g, v in actual.items()}


async def test_sector_audit_matches_direct_rates(client, auth):
    await trained_model(client, auth, symbols=tuple(GROUPS))
    await client.post("/ml/models/clf/deployments", json={"version": 1}, headers=auth)
    body = {"model": "clf", "grouping": "sector", "groups": GROUPS, "threshold": 0.15, **WINDOW}
    resp = await client.post("/ml/evaluations/fairness-audits", json=body, headers=auth)
    assert resp.status_code == 201, resp.text
    audit = resp.json()["data"]
    pred, actual = await _expected(client, auth)
    rates = {}
    for group in ("tech", "energy"):
        p, y = pred[group], actual[group]
        got = audit["groups"][group]
        assert got["n"] == len(p)
        rates[group] = (p.mean(), p[y].mean(), p[~y].mean())
        assert abs(got["positive_rate"] - rates[group][0]) < 1e-12
        assert abs(got["true_positive_rate"] - rates[group][1]) < 1e-12
        assert abs(got["false_positive_rate"] - rates[group][2]) < 1e-12
    dp = abs(rates["tech"][0] - rates["energy"][0])
    eo = max(abs(rates["tech"][1] - rates["energy"][1]), abs(rates["tech"][2] - rates["energy"][2]))
    assert abs(audit["disparities"]["demographic_parity_difference"] - dp) < 1e-12
    assert abs(audit["disparities"]["equalized_odds_difference"] - eo) < 1e-12
    assert audit["passed"] == (dp <= 0.15 and eo <= 0.15)
    regime = await client.post(
        "/ml/evaluations/fairness-audits",
        json={"model": "clf", "grouping": "regime", "symbols": ["AAA"], **WINDOW},
        headers=auth,
    )
    assert regime.status_code == 201, regime.text
    groups = regime.json()["data"]["groups"]
    assert set(groups) <= {"bull", "bear", "sideways", "high_volatility"}
    assert sum(g["n"] for g in groups.values()) == len(pred["tech"]) // 2
    one = await client.post(
        "/ml/evaluations/fairness-audits",
        json={"model": "clf", "grouping": "sector", "groups": {"AAA": "tech"}},
        headers=auth,
    )
    assert one.status_code == 422 and one.json()["errors"][0]["field"] == "body.groups"
