"""Conditions of a rule strategy: comparisons, crossovers and their boolean combinations."""

from typing import Annotated, Literal

from pydantic import Field

from quant_shared.enums import ComparisonOperator, CrossDirection
from quant_shared.schema import BaseSchema

Operand = Annotated[
    float | str,
    Field(
        description="A number, an indicator id of the spec, or a price field (open/high/low/close/volume)."
    ),
]


class Compare(BaseSchema):
    """``left <op> right`` on every bar."""

    type: Literal["compare"] = "compare"
    left: Operand
    op: ComparisonOperator
    right: Operand


class Cross(BaseSchema):
    """``left`` crosses ``right`` (above: below it on the previous bar, above it now; below: reverse)."""

    type: Literal["cross"] = "cross"
    left: Operand
    direction: CrossDirection
    right: Operand


class AllOf(BaseSchema):
    """True where every sub-condition is true (and)."""

    type: Literal["all"] = "all"
    conditions: list["Condition"] = Field(min_length=1, max_length=32)


class AnyOf(BaseSchema):
    """True where at least one sub-condition is true (or)."""

    type: Literal["any"] = "any"
    conditions: list["Condition"] = Field(min_length=1, max_length=32)


class Not(BaseSchema):
    """Negation of a condition."""

    type: Literal["not"] = "not"
    condition: "Condition"


Condition = Annotated[Compare | Cross | AllOf | AnyOf | Not, Field(discriminator="type")]

AllOf.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()
