"""The unified OpenAPI document of the all-in-one app is a contract clients are generated from."""

import re

import pytest

from quant_gateway.app import create_app
from quant_gateway.discovery import DOMAIN_ORDER, discover_domains
from quant_shared.errors import PROBLEM_JSON
from quant_shared.openapi import operations

SPECS = discover_domains()
pytestmark = pytest.mark.skipif(
    {s.name for s in SPECS} < set(DOMAIN_ORDER), reason="needs every domain installed (default env)"
)


@pytest.fixture(scope="module")
def document() -> dict:
    return create_app(specs=SPECS).openapi()


def test_one_described_tag_per_router_group_in_domain_order(document):
    tags = [t["name"] for t in document["tags"]]
    assert len(tags) == len(set(tags)) >= 20
    assert all(t.get("description", "").strip() for t in document["tags"])
    used = [op.get("tags", []) for _, _, op in operations(document)]
    assert all(len(t) == 1 for t in used), "every operation has exactly one tag"
    assert {t[0] for t in used} == set(tags), "every declared tag is used and every used tag declared"
    domain_tags = [[t["name"] for t in spec.tags] for spec in SPECS]
    positions = [[tags.index(name) for name in names] for names in domain_tags if names]
    assert tags[0] == "System"
    pairs = zip(positions, positions[1:], strict=False)
    assert all(a[-1] < b[0] for a, b in pairs), "tags follow the domain order"


def test_operation_ids_are_readable_and_unique(document):
    ids = [op["operationId"] for _, _, op in operations(document)]
    assert len(ids) == len(set(ids))
    for _, _, op in operations(document):
        slug = re.sub(r"[^a-z0-9]+", "-", op["tags"][0].lower()).strip("-")
        assert re.fullmatch(rf"{slug}-[a-z][a-z0-9_]*", op["operationId"]), op["operationId"]


def test_every_operation_declares_its_success_body(document):
    for path, method, op in operations(document):
        success = {c: r for c, r in op["responses"].items() if c.startswith("2")}
        assert success, f"{method} {path}"
        for code, response in success.items():
            if code != "204":
                media = response.get("content", {})
                assert media and all("schema" in m for m in media.values()), f"{method} {path} {code}"


def test_errors_are_declared_as_problems(document):
    for path, method, op in operations(document):
        responses = op["responses"]
        where = f"{method} {path}"
        if op.get("security"):
            assert "401" in responses, where
        if any(p["in"] == "path" for p in op.get("parameters", [])):
            assert "404" in responses, where
        if op.get("parameters") or "requestBody" in op:
            assert list(responses["422"]["content"]) == [PROBLEM_JSON], where
        if path.startswith("/admin/"):
            assert "403" in responses, where
        for code, response in responses.items():
            if int(code) >= 400 and PROBLEM_JSON not in response["content"]:
                # only an endpoint answering its own model with an error status (``/health``: 503)
                assert response["content"] == responses["200"]["content"], f"{where} {code}"
    schemas = document["components"]["schemas"]
    assert "Problem" in schemas and "HTTPValidationError" not in schemas


def _media(op: dict):
    for body in [op.get("requestBody", {}), *op["responses"].values()]:
        yield from body.get("content", {}).values()


def test_every_operation_has_examples_that_validate(document):
    for path, method, op in operations(document):
        assert any("example" in m for m in _media(op)), f"{method} {path}"
        for code, response in op["responses"].items():
            json_body = response.get("content", {}).get("application/json")
            if code.startswith("2") and json_body:
                assert "example" in json_body, f"{method} {path} {code}"
    jsonschema = pytest.importorskip("jsonschema")
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    for path, method, op in operations(document):
        for media in _media(op):
            if "example" in media:
                schema = {**media["schema"], "components": document["components"]}
                validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
                errors = [e.message for e in validator.iter_errors(media["example"])]
                assert not errors, f"{method} {path}: {errors[:2]}"
