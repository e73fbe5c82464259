"""Jinja2 sandbox (StrictUndefined) and JSON-schema checks of a prompt's variables."""

from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from quant_shared.errors import ValidationProblem

_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


def check_schema(schema: dict[str, Any], field: str = "body.variables_schema") -> None:
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        raise ValidationProblem.field(field, f"not a valid JSON schema: {exc.message}") from exc
    if schema.get("type") != "object":
        raise ValidationProblem.field(field, 'the variables schema must have "type": "object"')


def declared_variables(schema: dict[str, Any]) -> set[str]:
    return set((schema.get("properties") or {}).keys())


def check_template(source: str, field: str, declared: set[str]) -> None:
    """Syntax errors and variables the schema does not declare answer 422 naming ``field``."""
    try:
        ast = _ENV.parse(source)
    except TemplateSyntaxError as exc:
        raise ValidationProblem.field(
            field, f"template syntax error on line {exc.lineno}: {exc.message}"
        ) from exc
    unknown = sorted(meta.find_undeclared_variables(ast) - declared)
    if unknown:
        raise ValidationProblem.field(
            field,
            f"unknown variable(s) not declared in variables_schema: {', '.join(unknown)}",
            variables=unknown,
        )


def validate_variables(
    schema: dict[str, Any], variables: dict[str, Any], field: str = "body.variables"
) -> None:
    errors = []
    for err in Draft202012Validator(schema).iter_errors(variables):
        path = ".".join(str(p) for p in err.absolute_path)
        errors.append({"field": f"{field}.{path}" if path else field, "message": err.message})
    if errors:
        errors.sort(key=lambda e: e["field"])
        raise ValidationProblem("The prompt variables do not match the prompt's schema", errors=errors)


def render(source: str, variables: dict[str, Any], field: str = "body.variables") -> str:
    try:
        return _ENV.from_string(source).render(**variables)
    except UndefinedError as exc:
        raise ValidationProblem.field(field, f"missing variable: {exc.message}") from exc
    except SecurityError as exc:
        raise ValidationProblem.field(field, f"unsafe template operation refused: {exc}") from exc
    except TemplateSyntaxError as exc:
        raise ValidationProblem.field(field, f"template syntax error: {exc.message}") from exc
