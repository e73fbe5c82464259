"""Exception handlers rendering every error as ``application/problem+json``."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from pymongo.errors import DuplicateKeyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from quant_shared.errors.allow import allowed_methods
from quant_shared.errors.problems import PROBLEM_JSON, ConflictError, ProblemError, ValidationProblem
from quant_shared.requestctx import request_id_var

log = logging.getLogger("quant.errors")

_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    429: "Too Many Requests",
}


def problem_response(problem: ProblemError, request: Request | None = None) -> JSONResponse:
    body = problem.body(instance=str(request.url.path) if request else None)
    rid = request_id_var.get()
    if rid:
        body["request_id"] = rid
    return JSONResponse(body, status_code=problem.status, media_type=PROBLEM_JSON, headers=problem.headers)


def field_errors(errors: list[Any]) -> list[dict[str, Any]]:
    """Turn Pydantic error dicts into ``{"field", "message", "type"}`` items with dotted field names."""
    out = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ())]
        out.append(
            {
                "field": ".".join(loc) or "(root)",
                "message": err.get("msg", "invalid"),
                "type": err.get("type", "value_error"),
            }
        )
    return out


async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
    return problem_response(exc, request)


async def _request_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = field_errors(list(exc.errors()))
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return problem_response(ValidationProblem(detail, errors=errors), request)


async def _pydantic_validation(request: Request, exc: ValidationError) -> JSONResponse:
    errors = field_errors(list(exc.errors()))
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return problem_response(ValidationProblem(detail, errors=errors), request)


async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    title = _TITLES.get(exc.status_code, "Error")
    detail = exc.detail if isinstance(exc.detail, str) else None
    headers = getattr(exc, "headers", None)
    if exc.status_code == 405:
        headers = {**(headers or {}), "Allow": allowed_methods(request.app, request.url.path)}
    problem = ProblemError(detail, status=exc.status_code, title=title, headers=headers)
    return problem_response(problem, request)


async def _duplicate(request: Request, exc: DuplicateKeyError) -> JSONResponse:
    keys = list((exc.details or {}).get("keyValue", {}) or {})
    what = ", ".join(keys) if keys else "unique key"
    return problem_response(ConflictError(f"A record with the same {what} already exists"), request)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    problem = ProblemError("An unexpected error occurred; quote the request id when reporting it.")
    return problem_response(problem, request)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, _problem)
    app.add_exception_handler(RequestValidationError, _request_validation)
    app.add_exception_handler(ValidationError, _pydantic_validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(DuplicateKeyError, _duplicate)
    app.add_exception_handler(Exception, _unexpected)
