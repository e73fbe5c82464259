"""Jinja2 sandbox (StrictUndefined) and JSON-schema checks of a prompt's variables.

These functions are blocking and handle untrusted input: callers run them through
``budget.run_limited`` (a thread, a deadline). The sandbox also refuses the operations that run inside
one C call, which a deadline cannot stop: repetitions and powers beyond small bounds.
"""

import traceback
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from quant_gen_ai.prompts.schema_patterns import LinearValidator, pattern_problems
from quant_shared.errors import ValidationProblem

MAX_REPEAT = 100_000  # longest string or list a template may build with "*"
MAX_EXPONENT = 1_000


class BoundedSandbox(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(times, int)
                    and len(seq) * times > MAX_REPEAT
                ):
                    raise SecurityError(f"a repetition of more than {MAX_REPEAT:,} items")
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"an exponent above {MAX_EXPONENT:,}")
        return super().call_binop(context, operator, left, right)


_ENV = BoundedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


def check_schema(schema: dict[str, Any], field: str = "body.variables_schema") -> None:
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        raise ValidationProblem.field(field, f"not a valid JSON schema: {exc.message}") from exc
    problems = pattern_problems(schema)
    if problems:
        raise ValidationProblem.field(field, "; ".join(problems))
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
    for err in LinearValidator(schema).iter_errors(variables):
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
    except Exception as exc:  # the template's own runtime error (1/0, a bad call): the author's to fix
        line = next(
            (
                f.lineno
                for f in reversed(traceback.extract_tb(exc.__traceback__))
                if f.filename == "<template>"
            ),
            None,
        )
        where = f" on line {line}" if line else ""
        raise ValidationProblem.field(field, f"template error{where}: {type(exc).__name__}: {exc}") from exc
