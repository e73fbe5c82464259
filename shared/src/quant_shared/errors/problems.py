"""RFC 9457 problem details raised by domain code and rendered by the error handlers."""

from typing import Any

PROBLEM_JSON = "application/problem+json"


class ProblemError(Exception):
    """An error that maps to one ``application/problem+json`` response."""

    status: int = 500
    title: str = "Internal Server Error"

    def __init__(
        self,
        detail: str | None = None,
        *,
        status: int | None = None,
        title: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or title or self.title)
        if status is not None:
            self.status = status
        if title is not None:
            self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers
        self.extra = extra

    @property
    def type(self) -> str:
        return "about:blank" if self.status >= 500 else f"https://quant.dev/problems/{self.status}"

    def body(self, instance: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type, "title": self.title, "status": self.status}
        if self.detail:
            data["detail"] = self.detail
        if instance:
            data["instance"] = instance
        if self.errors:
            data["errors"] = self.errors
        data.update(self.extra)
        return data


class BadRequestError(ProblemError):
    status, title = 400, "Bad Request"


class UnauthorizedError(ProblemError):
    status, title = 401, "Unauthorized"

    def __init__(self, detail: str = "Missing or invalid credentials", **kw: Any) -> None:
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kw)


class ForbiddenError(ProblemError):
    status, title = 403, "Forbidden"


class NotFoundError(ProblemError):
    status, title = 404, "Not Found"


class ConflictError(ProblemError):
    status, title = 409, "Conflict"


class PayloadTooLargeError(ProblemError):
    status, title = 413, "Payload Too Large"


class ValidationProblem(ProblemError):
    """422 naming each bad field: ``errors`` is a list of ``{"field", "message"}`` items."""

    status, title = 422, "Unprocessable Content"

    def __init__(
        self, detail: str = "The request is not valid", errors: list[dict[str, Any]] | None = None, **kw: Any
    ) -> None:
        super().__init__(detail, errors=errors or [], **kw)

    @classmethod
    def field(cls, field: str, message: str, **extra: Any) -> "ValidationProblem":
        return cls(f"{field}: {message}", errors=[{"field": field, "message": message, **extra}])


class TooManyRequestsError(ProblemError):
    status, title = 429, "Too Many Requests"


class BadGatewayError(ProblemError):
    status, title = 502, "Bad Gateway"


class ServiceUnavailableError(ProblemError):
    status, title = 503, "Service Unavailable"


class GatewayTimeoutError(ProblemError):
    status, title = 504, "Gateway Timeout"
