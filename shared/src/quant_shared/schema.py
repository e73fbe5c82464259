"""Base Pydantic schema of every request/response model."""

from pydantic import BaseModel, ConfigDict


class BaseSchema(BaseModel):
    """API contract base: strict about unknown fields, friendly to ORM-like objects."""

    model_config = ConfigDict(
        from_attributes=True,
        populate_by_name=True,
        extra="forbid",
        use_enum_values=False,
    )
