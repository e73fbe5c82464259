"""RFC 9457 problem+json errors."""

from quant_shared.errors.handlers import field_errors, install_error_handlers, problem_response
from quant_shared.errors.problems import (
    PROBLEM_JSON,
    BadGatewayError,
    BadRequestError,
    ConflictError,
    ForbiddenError,
    GatewayTimeoutError,
    NotFoundError,
    PayloadTooLargeError,
    ProblemError,
    ServiceUnavailableError,
    TooManyRequestsError,
    UnauthorizedError,
    ValidationProblem,
)

__all__ = [
    "PROBLEM_JSON",
    "BadGatewayError",
    "BadRequestError",
    "ConflictError",
    "ForbiddenError",
    "GatewayTimeoutError",
    "NotFoundError",
    "PayloadTooLargeError",
    "ProblemError",
    "ServiceUnavailableError",
    "TooManyRequestsError",
    "UnauthorizedError",
    "ValidationProblem",
    "field_errors",
    "install_error_handlers",
    "problem_response",
]
