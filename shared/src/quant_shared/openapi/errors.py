"""Per-operation error responses, all ``application/problem+json`` as the handlers answer them.

The statuses come from the operation and its route:

- a security requirement (``require_user`` / ``optional_user``): 401;
- a path parameter: 404 (the addressed resource may not exist or not be yours);
- any parameter or body, or code raising ``ValidationProblem``: 422; a body: 400 (unparseable);
- an operation answering 201 (it creates a record under unique keys): 409;
- every ``ProblemError`` subclass the route's code can raise (``raises.statuses_raised``): 403 for
  ``require_admin``, 409, 503 for inter-domain calls, ...
"""

from typing import Any

from quant_shared.openapi.problem import STATUS_TITLES, problem_response
from quant_shared.openapi.raises import dependency_calls, statuses_raised

FASTAPI_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")


def _walk(dependant: Any):
    yield dependant
    for sub in dependant.dependencies:
        yield from _walk(sub)


def error_statuses(operation: dict[str, Any], route: Any | None) -> set[int]:
    statuses: set[int] = set()
    params = operation.get("parameters", [])
    if operation.get("security"):
        statuses.add(401)
    if any(p.get("in") == "path" for p in params):
        statuses.add(404)
    if params or "requestBody" in operation or "422" in operation.get("responses", {}):
        statuses.add(422)
    if "requestBody" in operation:
        statuses.add(400)  # a body that cannot be parsed at all ("There was an error parsing the body")
    if "201" in operation.get("responses", {}):
        statuses.add(409)
    if route is not None and getattr(route, "dependant", None) is not None:
        statuses |= statuses_raised(list(dependency_calls(route.dependant)))
    return {s for s in statuses if s in STATUS_TITLES}


def sets_own_status(route: Any | None) -> bool:
    """The endpoint takes the ``Response`` and may answer its model with another status (``/health``)."""
    dependant = getattr(route, "dependant", None)
    return dependant is not None and any(d.response_param_name for d in _walk(dependant))


def add_error_responses(path: str, operation: dict[str, Any], route: Any | None) -> None:
    """Declare every error status of the operation with the ``Problem`` body, in status order."""
    responses: dict[str, Any] = operation.setdefault("responses", {})
    success = next((r for code, r in responses.items() if code.startswith("2")), {})
    for status in error_statuses(operation, route):
        responses.setdefault(str(status), {})
    for code, response in list(responses.items()):
        if not code.isdigit() or int(code) < 400:
            continue
        status = int(code)
        content = response.get("content") or {}
        if status == 422 or not content:
            if not content and sets_own_status(route) and success.get("content"):
                response["content"] = success["content"]
                continue
            described = response.get("description")
            response.clear()
            response.update(problem_response(status, path))
            if described and status != 422:
                response["description"] = described
    operation["responses"] = dict(sorted(responses.items(), key=lambda item: item[0]))


def drop_unused_validation_schemas(document: dict[str, Any]) -> None:
    """FastAPI's ``HTTPValidationError`` is never answered (422 is a ``Problem``): drop it if unused."""
    schemas = document.get("components", {}).get("schemas", {})
    for name in FASTAPI_VALIDATION_SCHEMAS:
        ref = f"'#/components/schemas/{name}'"
        others = {k: v for k, v in schemas.items() if k != name}
        if ref not in repr(document.get("paths", {})) and ref not in repr(others):
            schemas.pop(name, None)
