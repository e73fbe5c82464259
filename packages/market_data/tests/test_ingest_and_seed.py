"""Provider ingestion as a task, the demo-universe seeding hook, fundamentals."""

import time

from quant_market_data.app import create_app
from quant_market_data.settings import MarketDataSettings
from quant_shared.testing import running_app, serve_app

from .provider_fakes import T0, make_binance_app, make_yahoo_app


async def test_ingest_from_binance_as_a_task(settings, admin, user):
    with serve_app(make_binance_app(total=1200)) as url:
        app = create_app(settings)
        app.state.market_data_settings = MarketDataSettings(
            seed_demo=False, binance_base_url=url, _env_file=None
        )
        async with running_app(app) as client:
            body = {"provider": "binance", "symbol": "btc-usd", "interval": "1m",
                    "start": "2024-01-01T00:00:00Z", "end": "2024-01-02T00:00:00Z"}  # fmt: skip
            assert (
                await client.post("/admin/market-data/ingest", json=body, headers=user)
            ).status_code == 403
            resp = await client.post("/admin/market-data/ingest", json=body, headers=admin)
            assert resp.status_code == 202
            await app.state.task_runner.wait(resp.json()["task_id"])
            task = (await client.get(resp.json()["status_url"], headers=admin)).json()
            assert task["status"] == "completed" and task["result"]["inserted"] == 1200, task
            cols = (await client.get("/market-data/bars/BTC-USD/columnar?interval=1m", headers=user)).json()
            instrument = (await client.get("/market-data/instruments/BTC-USD", headers=user)).json()
    assert cols["count"] == 1200 and cols["timestamp"][0] == T0 and cols["close"][0] == 40001.0
    assert instrument["asset_class"] == "crypto" and instrument["source"] == "binance"


async def test_demo_universe_is_seeded_quickly(settings, user):
    app = create_app(settings)
    app.state.market_data_settings = MarketDataSettings(seed_demo=True, _env_file=None)
    began = time.perf_counter()
    async with running_app(app) as client:
        elapsed = time.perf_counter() - began
        listed = (await client.get("/market-data/instruments", headers=user)).json()
        aapl = (await client.get("/market-data/bars/AAPL/columnar?interval=1d", headers=user)).json()
        btc = (await client.get("/market-data/bars/BTC-USD/columnar?interval=1h", headers=user)).json()
        quotes = (await client.get("/market-data/quotes?symbols=SPY,ETH-USD", headers=user)).json()
    symbols = sorted(i["symbol"] for i in listed["items"])
    assert symbols == ["AAPL", "AMZN", "BTC-USD", "ETH-USD", "GOOG", "MSFT", "SPY"]
    assert {i["source"] for i in listed["items"]} == {"synthetic"}
    assert 770 <= aapl["count"] <= 785  # three years of weekdays
    assert 2159 <= btc["count"] <= 2160  # ninety days, every hour
    assert all(q["previous_close"] > 0 for q in quotes)
    assert elapsed < 30, elapsed


async def test_fundamentals_upload_and_query(client, admin, user, stock):
    items = [
        {"period": "annual", "fiscal_date": "2023-12-31", "revenue": 1000.0, "net_income": 100.0, "eps": 2.5},
        {"period": "quarterly", "fiscal_date": "2024-03-31", "revenue": 260.0, "eps": 0.7},
    ]
    first = await client.post("/admin/market-data/fundamentals/TEST", json={"items": items}, headers=admin)
    assert first.json()["inserted"] == 2
    items[0]["eps"] = 2.6
    again = await client.post("/admin/market-data/fundamentals/TEST", json={"items": items}, headers=admin)
    assert again.json()["inserted"] == 0 and again.json()["updated"] == 2
    annual = (await client.get("/market-data/fundamentals/TEST?period=annual", headers=user)).json()
    assert len(annual) == 1 and annual[0]["eps"] == 2.6 and annual[0]["fiscal_date"] == "2023-12-31"
    dupes = await client.post(
        "/admin/market-data/fundamentals/TEST", json={"items": items + items[:1]}, headers=admin
    )
    assert dupes.status_code == 422


async def test_fundamentals_csv_names_bad_rows(client, admin, user, stock):
    good = "period,fiscal_date,revenue,eps\nannual,2022-12-31,900,2.1\nquarterly,2023-03-31,230,0.5\n"
    files = {"file": ("f.csv", good, "text/csv")}
    assert (await client.post("/admin/market-data/fundamentals/TEST/csv", files=files, headers=admin)).json()[
        "inserted"
    ] == 2
    bad = good + "monthly,2023-04-30,1,1\n"
    files = {"file": ("f.csv", bad, "text/csv")}
    resp = await client.post("/admin/market-data/fundamentals/TEST/csv", files=files, headers=admin)
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "file.row.3.period"
    assert len((await client.get("/market-data/fundamentals/TEST", headers=user)).json()) == 2


async def test_ingest_failure_is_recorded_on_the_task(settings, admin):
    with serve_app(make_yahoo_app()) as url:
        app = create_app(settings)
        app.state.market_data_settings = MarketDataSettings(
            seed_demo=False, yahoo_base_url=url, _env_file=None
        )
        async with running_app(app) as client:
            body = {"provider": "yahoo", "symbol": "ZZZZ", "interval": "1d",
                    "start": "2024-01-01T00:00:00Z", "end": "2024-01-10T00:00:00Z"}  # fmt: skip
            resp = await client.post("/admin/market-data/ingest", json=body, headers=admin)
            await app.state.task_runner.wait(resp.json()["task_id"])
            task = (await client.get(resp.json()["status_url"], headers=admin)).json()
            backwards = await client.post(
                "/admin/market-data/ingest", json={**body, "end": "2023-01-01"}, headers=admin
            )
            decades = {**body, "interval": "1m", "start": "2000-01-01", "end": "2024-01-01"}
            too_many = await client.post("/admin/market-data/ingest", json=decades, headers=admin)
            tasks = (await client.get("/tasks", headers=admin)).json()["total"]
    assert task["status"] == "failed" and "yahoo" in task["error"] and "No data found" in task["error"]
    assert backwards.status_code == 422
    assert too_many.status_code == 422 and "at most 250000" in too_many.text, too_many.text
    assert tasks == 1  # the refused request started nothing
