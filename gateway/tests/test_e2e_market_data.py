"""Market data through the all-in-one gateway: CSV upload twice, bad row, query, resample, quote."""

import pytest

from quant_gateway.app import create_app
from quant_market_data.settings import MarketDataSettings
from quant_shared.testing import bearer, running_app

CSV = (
    "Date,Open,High,Low,Close,Volume\n"
    "2024-01-01,100,110,95,105,1000\n"
    "2024-01-02,105,120,104,118,2000\n"
    "2024-01-03,118,119,100,101,1500\n"
    "2024-01-04,101,108,99,107,500\n"
)


@pytest.fixture
async def gateway(settings):
    app = create_app(settings)
    app.state.market_data_settings = MarketDataSettings(seed_demo=False, _env_file=None)
    async with running_app(app) as client:
        yield client


async def test_market_data_end_to_end(gateway, admin_token, user_token):
    admin, user = bearer(admin_token), bearer(user_token)
    instrument = {
        "symbol": "E2E-USD",
        "name": "E2E coin",
        "asset_class": "crypto",
        "base": "E2E",
        "quote": "USD",
    }
    created = await gateway.post("/admin/market-data/instruments", json=instrument, headers=admin)
    assert created.status_code == 201
    upload = {"files": {"file": ("e2e.csv", CSV, "text/csv")}, "data": {"interval": "1d"}, "headers": admin}
    first = await gateway.post("/admin/market-data/bars/E2E-USD/csv", **upload)
    second = await gateway.post("/admin/market-data/bars/E2E-USD/csv", **upload)
    assert (first.json()["inserted"], second.json()["inserted"], second.json()["unchanged"]) == (4, 0, 4)

    bad = CSV.replace("2024-01-04,101,108,99,107,500", "2024-01-05,101,98,99,107,500")
    bad_upload = {**upload, "files": {"file": ("bad.csv", bad, "text/csv")}}
    rejected = await gateway.post("/admin/market-data/bars/E2E-USD/csv", **bad_upload)
    assert rejected.status_code == 422
    assert rejected.json()["errors"] == [{"field": "file.row.4", "row": 4, "message": "high 98.0 < low 99.0"}]

    page = (await gateway.get("/market-data/bars/E2E-USD", params={"order": "desc"}, headers=user)).json()
    assert page["total"] == 4 and [b["close"] for b in page["items"]] == [107, 101, 118, 105]
    weekly = await gateway.get(
        "/market-data/bars/E2E-USD/columnar", params={"interval": "1d", "resample_to": "1w"}, headers=user
    )
    # 2024-01-01 is a Monday: one week bar: first open, max high, min low, last close, summed volume
    assert {k: weekly.json()[k] for k in ("timestamp", "open", "high", "low", "close", "volume")} == {
        "timestamp": [1704067200000], "open": [100.0], "high": [120.0], "low": [95.0], "close": [107.0],
        "volume": [5000.0],
    }  # fmt: skip
    quote = (await gateway.get("/market-data/quotes", params={"symbols": "E2E-USD"}, headers=user)).json()[0]
    assert (quote["last"], quote["previous_close"], quote["change"]) == (107.0, 101.0, 6.0)
    assert quote["change_pct"] == pytest.approx(6 / 101 * 100)
