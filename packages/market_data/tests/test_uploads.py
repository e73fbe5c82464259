"""Bar uploads: all-or-nothing validation, idempotent re-upload, CSV rows named in errors."""

CSV = (
    "timestamp,open,high,low,close,volume\n"
    "2024-01-02,10,12,9,11,100\n"
    "2024-01-03,11,13,10,12,200\n"
    "2024-01-04,12,14,11,13,300\n"
)


async def _count(client, user, symbol="TEST"):
    resp = await client.get(f"/market-data/bars/{symbol}", params={"interval": "1d"}, headers=user)
    return resp.json()["total"]


async def test_csv_upload_twice_gives_one_set(client, admin, user, stock):
    files = {"file": ("bars.csv", CSV, "text/csv")}
    first = await client.post(
        "/admin/market-data/bars/TEST/csv", files=files, data={"interval": "1d"}, headers=admin
    )
    assert first.status_code == 200, first.text
    assert first.json()["inserted"] == 3 and first.json()["unchanged"] == 0
    second = await client.post(
        "/admin/market-data/bars/TEST/csv", files=files, data={"interval": "1d"}, headers=admin
    )
    assert second.json()["inserted"] == 0 and second.json()["unchanged"] == 3
    assert await _count(client, user) == 3


async def test_changed_bar_is_replaced_not_duplicated(client, admin, user, stock):
    bars = [{"timestamp": "2024-01-02T00:00:00Z", "open": 10, "high": 12, "low": 9, "close": 11, "volume": 1}]
    await client.post("/admin/market-data/bars/TEST", json={"interval": "1d", "bars": bars}, headers=admin)
    bars[0]["close"] = 11.5
    resp = await client.post(
        "/admin/market-data/bars/TEST", json={"interval": "1d", "bars": bars}, headers=admin
    )
    assert resp.json()["updated"] == 1 and resp.json()["inserted"] == 0
    page = (await client.get("/market-data/bars/TEST", headers=user)).json()
    assert page["total"] == 1 and page["items"][0]["close"] == 11.5


async def test_bad_rows_are_all_named_and_nothing_written(client, admin, user, stock):
    bad = CSV + (
        "2024-01-05,12,10,11,11,5\n"  # row 4: high < low
        "2024-01-08,12,13,11,12,-5\n"  # row 5: negative volume
        "yesterday,1,2,1,1,1\n"  # row 6: unparsable timestamp
        "2024-01-09T13:30:00,1,2,1,1,1\n"  # row 7: not on a 1d boundary
        "2024-01-03,11,13,10,12,200\n"  # row 8: duplicate of row 2
    )
    files = {"file": ("bars.csv", bad, "text/csv")}
    resp = await client.post(
        "/admin/market-data/bars/TEST/csv", files=files, data={"interval": "1d"}, headers=admin
    )
    assert resp.status_code == 422
    errors = {e["row"]: e["message"] for e in resp.json()["errors"]}
    assert sorted(errors) == [4, 5, 6, 7, 8]
    assert "high 12.0 < low 11.0" not in errors[4] and "high 10.0 < low 11.0" in errors[4]
    assert "negative volume -5.0" in errors[5]
    assert "unparsable timestamp 'yesterday'" in errors[6]
    assert "interval mismatch" in errors[7]
    assert "duplicate timestamp (same as row 2)" in errors[8]
    assert await _count(client, user) == 0


async def test_interval_column_mismatch_and_json_field_names(client, admin, stock):
    bars = [
        {
            "timestamp": 1704153600000,
            "open": 1,
            "high": 2,
            "low": 1,
            "close": 2,
            "volume": 0,
            "interval": "1h",
        }
    ]
    resp = await client.post(
        "/admin/market-data/bars/TEST", json={"interval": "1d", "bars": bars}, headers=admin
    )
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["field"] == "body.bars.0"
    assert "interval mismatch" in resp.json()["errors"][0]["message"]


async def test_writes_need_admin_and_unknown_symbol_is_404(client, admin, user, stock):
    bars = [{"timestamp": "2024-01-02", "open": 1, "high": 2, "low": 1, "close": 2, "volume": 0}]
    forbidden = await client.post(
        "/admin/market-data/bars/TEST", json={"interval": "1d", "bars": bars}, headers=user
    )
    assert forbidden.status_code == 403
    missing = await client.post(
        "/admin/market-data/bars/NOPE", json={"interval": "1d", "bars": bars}, headers=admin
    )
    assert missing.status_code == 404
    assert (await client.get("/market-data/bars/NOPE", headers=user)).status_code == 404
    assert (await client.get("/market-data/bars/TEST")).status_code == 401
