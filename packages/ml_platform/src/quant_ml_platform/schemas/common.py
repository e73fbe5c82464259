"""Field types shared by several schemas."""

from typing import Annotated

from pydantic import Field

FeatureName = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]
FeatureRef = Annotated[
    str,
    Field(
        min_length=1,
        max_length=72,
        pattern=r"^[A-Za-z0-9_.-]+(@[0-9]+)?$",
        description="A feature name (its current version) or `name@version`.",
    ),
]
ModelName = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]
Symbol = Annotated[str, Field(min_length=1, max_length=24, pattern=r"^[A-Za-z0-9_.^=-]+$")]
