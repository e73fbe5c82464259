"""The all-in-one gateway: every installed domain composed in one app with one OpenAPI document."""

from quant_gateway.app import create_app
from quant_gateway.discovery import discover_domains
from quant_shared.testing import running_app


def test_every_workspace_domain_is_discovered():
    names = [spec.name for spec in discover_domains()]
    assert names == ["user", "market_data", "trading", "ml_platform", "gen_ai"]


async def test_health_reports_database_and_domains(settings):
    async with running_app(create_app(settings)) as client:
        resp = await client.get("/health")
        docs = await client.get("/docs")
    assert resp.status_code == 200
    body = resp.json()
    assert body["database"]["status"] == "ok"
    assert body["domains"] == ["user", "market_data", "trading", "ml_platform", "gen_ai"]
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_openapi_has_unique_operation_ids_and_declared_tags(settings):
    schema = create_app(settings).openapi()
    ops = [op for path in schema["paths"].values() for op in path.values()]
    ids = [op["operationId"] for op in ops]
    assert len(ids) == len(set(ids))
    declared = [t["name"] for t in schema["tags"]]
    assert len(declared) == len(set(declared))
    used = {tag for op in ops for tag in op.get("tags", [])}
    assert used <= set(declared), used - set(declared)
    assert "/health" in schema["paths"] and "/tasks/{task_id}" in schema["paths"]


def test_only_selected_domains_are_composed(settings):
    app = create_app(settings, specs=discover_domains(only=["trading"]))
    health = app.openapi()["paths"]["/health"]
    assert "get" in health
