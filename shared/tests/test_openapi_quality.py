"""The OpenAPI conventions of ``quant_shared.openapi`` on a small app (no database needed)."""

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI, Response
from pydantic import BaseModel, Field

from quant_shared.app_factory import create_domain_app, operation_id
from quant_shared.auth import Principal, require_admin, require_user
from quant_shared.errors import PROBLEM_JSON, ConflictError, NotFoundError, install_error_handlers
from quant_shared.openapi import NoExample, example_of, install_openapi_quality, operations
from quant_shared.settings import Settings

from .sample_domain import DOMAIN


class GadgetIn(BaseModel):
    name: str = Field(min_length=3, max_length=12, pattern=r"^[a-z-]+$")
    size: int = Field(ge=5, le=9)
    ratio: float = Field(gt=0, lt=1)
    symbol: str | None = None


class GadgetOut(GadgetIn):
    id: str
    tags: list[str] = Field(min_length=2)


def _ensure_unique(name: str) -> None:
    if name == "taken":
        raise ConflictError("taken")


router = APIRouter(prefix="/gadgets", tags=["Gadgets"])


@router.post("", response_model=GadgetOut, status_code=201)
async def create_gadget(body: GadgetIn, _: Principal = Depends(require_user)) -> GadgetOut:
    _ensure_unique(body.name)
    return GadgetOut(id="1", tags=["a", "b"], **body.model_dump())


@router.get("/{gadget_id}", response_model=GadgetOut)
async def get_gadget(gadget_id: str, _: Principal = Depends(require_user)) -> GadgetOut:
    raise NotFoundError(gadget_id)


@router.delete("/{gadget_id}", status_code=204)
async def purge_gadget(gadget_id: str, _: Principal = Depends(require_admin)) -> None:
    return None


@router.post("/preview", response_model=GadgetIn)
async def preview_gadget(body: GadgetIn) -> GadgetIn:
    return body


@router.get("/{gadget_id}/raw", response_class=Response)
async def raw_gadget(gadget_id: str) -> Response:
    return Response("raw", media_type="text/plain")


def _app() -> FastAPI:
    app = FastAPI(openapi_tags=[{"name": "Gadgets", "description": "Gadgets."}])
    app.router.generate_unique_id_function = operation_id
    install_error_handlers(app)
    install_openapi_quality(app)
    app.include_router(router, generate_unique_id_function=operation_id)
    return app


@pytest.fixture(scope="module")
def document() -> dict:
    return _app().openapi()


def _codes(document: dict, path: str, method: str) -> list[str]:
    return list(document["paths"][path][method]["responses"])


def test_error_statuses_follow_the_route(document):
    assert _codes(document, "/gadgets", "post") == ["201", "400", "401", "409", "422"]
    assert _codes(document, "/gadgets/{gadget_id}", "get") == ["200", "401", "404", "422"]
    assert _codes(document, "/gadgets/{gadget_id}", "delete") == ["204", "401", "403", "404", "422"]


def test_errors_are_problems_and_fastapi_validation_schema_is_gone(document):
    schemas = document["components"]["schemas"]
    assert {"Problem", "FieldError"} <= set(schemas)
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    for _, _, operation in operations(document):
        for code, response in operation["responses"].items():
            if int(code) >= 400:
                media = response["content"][PROBLEM_JSON]
                assert media["schema"] == {"$ref": "#/components/schemas/Problem"}
                assert media["example"]["status"] == int(code)


def test_success_examples_and_raw_bodies(document):
    created = document["paths"]["/gadgets"]["post"]
    example = created["responses"]["201"]["content"]["application/json"]["example"]
    GadgetOut.model_validate(example)
    GadgetIn.model_validate(created["requestBody"]["content"]["application/json"]["example"])
    raw = document["paths"]["/gadgets/{gadget_id}/raw"]["get"]["responses"]["200"]
    assert raw["content"] == {"*/*": {"schema": {"type": "string"}}}


def test_examples_validate_against_their_schemas(document):
    jsonschema = pytest.importorskip("jsonschema")
    for _, _, operation in operations(document):
        bodies = [operation.get("requestBody", {})] + list(operation["responses"].values())
        for body in bodies:
            for media in body.get("content", {}).values():
                if "example" in media:
                    schema = {**media["schema"], "components": document["components"]}
                    jsonschema.validate(media["example"], schema)


async def test_documented_422_matches_the_answer(document):
    transport = httpx.ASGITransport(app=_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        answer = await client.post("/gadgets/preview", json={"name": "x"})
    assert answer.status_code == 422
    assert answer.headers["content-type"] == PROBLEM_JSON
    assert {e["field"] for e in answer.json()["errors"]} == {"body.name", "body.size", "body.ratio"}
    responses = document["paths"]["/gadgets/preview"]["post"]["responses"]
    assert list(responses) == ["200", "400", "422"]
    assert list(responses["422"]["content"]) == [PROBLEM_JSON]


def test_example_of_honors_constraints():
    assert example_of({"type": "integer", "exclusiveMinimum": 3, "maximum": 10}, {}) == 4
    assert example_of({"type": "number", "multipleOf": 0.25, "minimum": 2}, {}) == 2.0
    assert example_of({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}, {}) == "2024-01-02"
    nullable = {"anyOf": [{"type": "null"}, {"$ref": "#/components/schemas/A"}]}
    assert example_of(nullable, {"A": {"const": 1}}) == 1
    assert example_of({"type": "array", "items": {"type": "boolean"}, "minItems": 2}, {}) == [True, True]
    with pytest.raises(NoExample):
        example_of({"type": "string", "pattern": r"^Z{30}$"}, {})


def test_every_domain_app_gets_the_conventions_from_the_factory():
    document = create_domain_app(DOMAIN, Settings()).openapi()
    created = document["paths"]["/widgets"]["post"]["responses"]
    assert list(created) == ["201", "400", "401", "409", "422"]
    assert list(created["422"]["content"]) == [PROBLEM_JSON]
    assert "example" in created["201"]["content"]["application/json"]
    task = document["paths"]["/tasks/{task_id}"]["get"]["responses"]
    assert list(task) == ["200", "401", "404", "422"]
