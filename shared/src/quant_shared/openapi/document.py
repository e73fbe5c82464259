"""Post-processing of an app's OpenAPI document: problem+json errors, examples, undocumented bodies."""

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from quant_shared.openapi.errors import add_error_responses, drop_unused_validation_schemas
from quant_shared.openapi.examples import NoExample, example_of
from quant_shared.openapi.problem import problem_schemas

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
EXAMPLE_MEDIA = ("application/json", "application/x-www-form-urlencoded")
ANY_BODY = {"*/*": {"schema": {"type": "string"}}}


def api_routes(app: FastAPI) -> Iterator[Any]:
    """Every API route as OpenAPI sees it (effective path of routers included lazily or eagerly)."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # FastAPI without lazily included routers: app.routes is flat
        yield from (r for r in app.routes if isinstance(r, APIRoute))
        return
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute):
            yield context


def route_index(app: FastAPI) -> dict[tuple[str, str], Any]:
    index: dict[tuple[str, str], Any] = {}
    for route in api_routes(app):
        for method in route.methods or ():
            index.setdefault((route.path_format, method.lower()), route)
    return index


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def _add_example(media: dict[str, Any], components: dict[str, Any], complete: bool = True) -> bool:
    if "example" in media or "examples" in media:
        return True
    if "schema" not in media:
        return False
    try:
        media["example"] = example_of(media["schema"], components, complete=complete)
    except NoExample:
        return False
    return True


def add_examples(operation: dict[str, Any], components: dict[str, Any]) -> None:
    """An example on the JSON request body and on every JSON success response that has a schema."""
    body = operation.get("requestBody", {}).get("content", {})
    for media_type in EXAMPLE_MEDIA:
        if media_type in body:
            _add_example(body[media_type], components, complete=False)
    for code, response in operation.get("responses", {}).items():
        if code.startswith("2") and "application/json" in response.get("content", {}):
            _add_example(response["content"]["application/json"], components)


def document_success_body(operation: dict[str, Any]) -> None:
    """A success other than 204 with no declared content (a raw ``Response``) answers some string."""
    for code, response in operation.get("responses", {}).items():
        if code.startswith("2") and code != "204" and not response.get("content"):
            response["content"] = dict(ANY_BODY)


def improve_document(document: dict[str, Any], app: FastAPI) -> dict[str, Any]:
    """Apply the platform's OpenAPI conventions to ``document`` in place and return it."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in problem_schemas().items():
        schemas.setdefault(name, schema)
    index = route_index(app)
    for path, method, operation in operations(document):
        document_success_body(operation)
        add_error_responses(path, operation, index.get((path, method)))
        add_examples(operation, schemas)
    drop_unused_validation_schemas(document)
    document["components"]["schemas"] = dict(sorted(schemas.items()))
    return document


def install_openapi_quality(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """Wrap ``app.openapi`` so the generated document is improved once per generation."""
    generate = app.openapi
    improved: list[int] = []

    def openapi() -> dict[str, Any]:
        document = generate()  # FastAPI caches it until the routes change
        if improved != [id(document)]:
            improve_document(document, app)
            improved[:] = [id(document)]
        return document

    app.openapi = openapi  # type: ignore[method-assign]
    return openapi
