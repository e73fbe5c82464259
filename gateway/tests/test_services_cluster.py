"""Every domain as its own process behind the proxy gateway: health, routing, OpenAPI, failure, healing."""

import time

import httpx
import pytest

from quant_gateway.app import create_app
from quant_shared.testing import bearer

from .cluster_fixtures import PROXY_POLICIES, list_route

VICTIM = "market_data"


@pytest.fixture(scope="module")
def cluster(services_cluster):
    return services_cluster


@pytest.fixture(scope="module")
def document(cluster):
    return httpx.get(f"{cluster.gateway_url}/openapi.json", timeout=30).json()


def _reads(cluster, document) -> dict[str, str]:
    """One parameterless GET per domain that has one."""
    reads = {}
    for name, upstream in cluster.gateway.upstreams.items():
        path = list_route(
            document, [p for p in upstream.prefixes if p != "/tasks" and not p.startswith("/admin")]
        )
        if path:
            reads[name] = path
    return reads


def test_health_through_the_gateway_reports_every_service(cluster):
    resp = httpx.get(f"{cluster.gateway_url}/health", timeout=10)
    assert resp.status_code == 200
    body = resp.json()
    assert body["mode"] == "proxy" and body["status"] == "ok" and body["database"]["status"] == "ok"
    services = {s["name"]: s for s in body["services"]}
    assert set(services) == set(cluster.services.services)
    for name, item in services.items():
        assert item["status"] == "ok" and item["url"] == cluster.direct(name)
        assert item["latency_ms"] > 0 and item["version"]


def test_admin_system_reports_each_services_version_and_database(cluster, token_factory):
    admin = bearer(token_factory.admin())
    assert (
        httpx.get(f"{cluster.gateway_url}/admin/system", headers=bearer(token_factory.user())).status_code
        == 403
    )
    overview = httpx.get(f"{cluster.gateway_url}/admin/system", headers=admin, timeout=10).json()
    assert overview["mode"] == "proxy"
    versions = {s["name"]: s["version"] for s in overview["services"]}
    for name in cluster.services.services:
        direct = httpx.get(cluster.direct(name) + "/health", timeout=10).json()
        assert versions[name] == direct["version"]
    stats = httpx.get(f"{cluster.gateway_url}/admin/system/databases", headers=admin, timeout=30).json()
    assert {d["domain"] for d in stats} == {*cluster.services.services, "system"}
    assert all(d["database"].startswith(cluster.settings.db_prefix + "_") for d in stats)


def test_proxy_openapi_equals_the_all_in_one_document(cluster, document):
    expected = create_app(cluster.settings).openapi()
    assert document["paths"] == expected["paths"]
    assert document["components"]["schemas"] == expected["components"]["schemas"]
    assert document["tags"] == expected["tags"]
    assert "x-unavailable-services" not in document


def test_routes_answer_through_the_gateway_as_they_do_directly(cluster, document, token_factory):
    token = bearer(token_factory.user("user-cluster"))
    reads = _reads(cluster, document)
    assert len(reads) >= 3, reads
    for name, path in reads.items():
        via = httpx.get(cluster.gateway_url + path, headers=token, timeout=30)
        direct = httpx.get(cluster.direct(name) + path, headers=token, timeout=30)
        assert via.status_code == direct.status_code == 200, (name, path, via.text)
        assert via.json() == direct.json()
    tasks = httpx.get(f"{cluster.gateway_url}/tasks", headers=token, timeout=10)
    assert tasks.status_code == 200 and tasks.json()["items"] == []
    anonymous = httpx.get(cluster.gateway_url + next(iter(reads.values())), timeout=10)
    assert anonymous.status_code == 401


def test_a_stopped_service_gives_503_quickly_and_heals_without_a_gateway_restart(
    cluster, document, token_factory
):
    token = bearer(token_factory.user("user-cluster"))
    reads = _reads(cluster, document)
    # market data is the one stopped; while it has no read route, another domain stands in
    victim_name = VICTIM if VICTIM in reads else sorted(reads)[0]
    victim = cluster.gateway_url + reads[victim_name]
    others = {n: p for n, p in reads.items() if n != victim_name}
    cluster.services.services[victim_name].stop(kill=True)
    try:
        started = time.monotonic()
        down = httpx.get(victim, headers=token, timeout=30)
        assert time.monotonic() - started < PROXY_POLICIES["connect_timeout"] + 0.5
        assert down.status_code == 503
        assert down.headers["content-type"] == "application/problem+json"
        assert down.json()["upstream"] == victim_name
        for name, path in others.items():
            assert httpx.get(cluster.gateway_url + path, headers=token, timeout=30).status_code == 200, name
        health = httpx.get(f"{cluster.gateway_url}/health", timeout=10).json()
        assert health["status"] == "degraded"
        assert {s["name"]: s["status"] for s in health["services"]}[victim_name] == "down"
    finally:
        cluster.services.start(victim_name)
        cluster.services.services[victim_name].wait_healthy(240)
    time.sleep(PROXY_POLICIES["breaker_reset_seconds"])
    healed = httpx.get(victim, headers=token, timeout=30)
    assert healed.status_code == 200, healed.text
    assert httpx.get(f"{cluster.gateway_url}/health", timeout=10).json()["status"] == "ok"
