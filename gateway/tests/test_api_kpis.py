"""The plan's API KPIs over the composed app: admin operations only under /admin, the plan's tags
kept, few and small tag groups, one (American) spelling in paths and operation ids.

One tag per router group: the plan's 20, Auth, the market-data reads, Admin Market Data, and ML
Deployments, which keeps ML Models under 15 operations: 24 in all. The prompt registry's admin
operations share Admin Models with the model registry's.
"""

import pytest

from quant_gateway.app import create_app
from quant_gateway.discovery import DOMAIN_ORDER, discover_domains
from quant_shared.auth import require_admin
from quant_shared.openapi import operations
from quant_shared.openapi.document import api_routes

SPECS = discover_domains()
pytestmark = pytest.mark.skipif(
    {s.name for s in SPECS} < set(DOMAIN_ORDER), reason="needs every domain installed (default env)"
)
PLAN_TAGS = {
    "System", "Backtests", "Strategies", "Strategy Templates", "Optimization", "Signals", "Features",
    "ML Models", "ML Experiments", "ML Evaluations", "Narratives", "Strategy Builder", "ChatOps",
    "Prompt Governance", "Watchlists", "Dashboard", "Admin System", "Admin Users", "Admin Backtests",
    "Admin Models",
}  # fmt: skip
MAX_TAGS, MAX_OPERATIONS_PER_TAG = 24, 15
BRITISH = ("optimis", "normalis", "materialis", "catalogue", "behaviour", "serialis", "initialis",
           "labelled", "colour", "favour", "honour", "analyse", "modelling", "summaris")  # fmt: skip


@pytest.fixture(scope="module")
def app():
    return create_app(specs=SPECS)


def _needs_admin(dependant) -> bool:
    return any(d.call is require_admin or _needs_admin(d) for d in dependant.dependencies)


def test_admin_operations_live_under_admin_and_only_there(app):
    routes = list(api_routes(app))
    assert len(routes) > 100
    misplaced = [
        (sorted(r.methods), r.path)
        for r in routes
        if _needs_admin(r.dependant) != r.path.startswith("/admin/")
    ]
    assert misplaced == [], f"admin check and /admin path disagree: {misplaced}"


def test_tags_are_the_plans_few_and_small(app):
    document = app.openapi()
    counts: dict[str, int] = {}
    for _, _, op in operations(document):
        for tag in op["tags"]:
            counts[tag] = counts.get(tag, 0) + 1
    assert PLAN_TAGS <= set(counts), PLAN_TAGS - set(counts)
    assert len(counts) <= MAX_TAGS, sorted(counts)
    large = {tag: n for tag, n in counts.items() if n > MAX_OPERATIONS_PER_TAG}
    assert large == {}, f"tags over {MAX_OPERATIONS_PER_TAG} operations: {large}"


def test_one_spelling_in_paths_and_operation_ids(app):
    names = [path.lower() for path in app.openapi()["paths"]]
    names += [op["operationId"].lower() for _, _, op in operations(app.openapi())]
    british = sorted({name for name in names for word in BRITISH if word in name})
    assert british == [], f"British spellings: {british}"
