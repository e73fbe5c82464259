"""The ``Problem`` schema (RFC 9457) as the error handlers render it, with one example per status."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from quant_shared.errors import PROBLEM_JSON

# What each documented error status means, in the words of the problem's ``title``.
STATUS_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    413: "Payload Too Large",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}

STATUS_DESCRIPTIONS = {
    400: "The request cannot be served as sent",
    401: "Missing, invalid or expired bearer token",
    403: "The token is valid but lacks the role this operation needs",
    404: "The addressed resource does not exist or is not yours",
    409: "The request conflicts with the resource's current state or an existing record",
    413: "The request body is too large",
    422: "Validation failed; `errors` names each bad field",
    429: "Too many requests; retry later",
    502: "Another service answered with an error",
    503: "A service this operation needs is unavailable",
    504: "A service this operation needs did not answer in time",
}

_DETAILS = {
    401: "Missing or invalid credentials",
    403: "This operation needs the admin role",
    404: "The resource was not found",
    409: "A record with the same name already exists",
    422: "body.name: Field required",
    503: "The market_data service is unreachable",
}


class FieldError(BaseModel):
    """One invalid field of a request: dotted location, message and Pydantic error type."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"additionalProperties": True})

    field: str = Field(description="Dotted location, e.g. `body.size` or `query.limit`")
    message: str
    type: str | None = None


class Problem(BaseModel):
    """RFC 9457 problem details (``application/problem+json``), the body of every error response."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"additionalProperties": True})

    type: str = Field(description="URI identifying the problem type")
    title: str = Field(description="Short summary of the problem type")
    status: int = Field(ge=400, le=599, description="HTTP status code")
    detail: str | None = Field(None, description="Explanation of this occurrence")
    instance: str | None = Field(None, description="Path of the request")
    request_id: str | None = Field(None, description="X-Request-ID of the request, quote it when reporting")
    errors: list[FieldError] | None = Field(None, description="Invalid fields (422)")


def problem_example(status: int, path: str = "/resource") -> dict[str, Any]:
    """A body exactly like the handlers' (``quant_shared.errors``) for ``status``."""
    problem_type = "about:blank" if status >= 500 else f"https://quant.dev/problems/{status}"
    body: dict[str, Any] = {
        "type": problem_type,
        "title": STATUS_TITLES.get(status, "Error"),
        "status": status,
        "detail": _DETAILS.get(status, STATUS_DESCRIPTIONS.get(status, "Error")),
        "instance": path,
        "request_id": "3f2b9c1e8a7d4b6f9e0a1c2d3e4f5a6b",
    }
    if status == 422:
        body["errors"] = [{"field": "body.name", "message": "Field required", "type": "missing"}]
    return body


def problem_schemas() -> dict[str, dict[str, Any]]:
    """``Problem`` and ``FieldError`` as components (refs to ``#/components/schemas``)."""
    schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    defs = schema.pop("$defs", {})
    return {"Problem": schema, **defs}


def problem_response(status: int, path: str) -> dict[str, Any]:
    """The OpenAPI response object of one error status."""
    return {
        "description": STATUS_DESCRIPTIONS.get(status, STATUS_TITLES.get(status, "Error")),
        "content": {
            PROBLEM_JSON: {
                "schema": {"$ref": "#/components/schemas/Problem"},
                "example": problem_example(status, path),
            }
        },
    }
