"""OpenAPI quality: problem+json error responses derived from each route, examples, one tag per group.

``build_app`` installs it on every app (domain alone, all-in-one gateway), so the documents the
proxy gateway merges already follow the same conventions.
"""

from quant_shared.openapi.document import improve_document, install_openapi_quality, operations
from quant_shared.openapi.examples import NoExample, example_of
from quant_shared.openapi.problem import FieldError, Problem, problem_example

__all__ = [
    "FieldError",
    "NoExample",
    "Problem",
    "example_of",
    "improve_document",
    "install_openapi_quality",
    "operations",
    "problem_example",
]
