"""The domain app stands alone on the real database, with every router group documented."""


async def test_domain_app_is_healthy(client):
    body = (await client.get("/health")).json()
    assert body["status"] == "ok" and body["domains"] == ["ml_platform"]


async def test_openapi_tags_are_declared(client):
    schema = (await client.get("/openapi.json")).json()
    declared = [t["name"] for t in schema["tags"]]
    used = {tag for path in schema["paths"].values() for op in path.values() for tag in op["tags"]}
    expected = {"Features", "ML Experiments", "ML Models", "ML Deployments", "ML Evaluations", "Admin Models"}
    assert expected <= set(declared) and used <= set(declared)
    assert all(t.get("description") for t in schema["tags"])
