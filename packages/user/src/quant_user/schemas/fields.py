"""Reusable validated field types: e-mail, password, display name, symbol."""

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SYMBOL = re.compile(r"^[A-Z0-9][A-Z0-9.\-=^/]{0,31}$")


def normalize_email(value: str) -> str:
    email = value.strip().lower()
    if len(email) > 254 or not _EMAIL.match(email):
        raise ValueError("not a valid e-mail address")
    return email


def normalize_symbol(value: str) -> str:
    symbol = value.strip().upper()
    if not _SYMBOL.match(symbol):
        raise ValueError("not a valid symbol (letters, digits and . - = ^ / up to 32 characters)")
    return symbol


# the JSON schema states what the validators accept (surrounding spaces are trimmed)
Email = Annotated[
    str,
    AfterValidator(normalize_email),
    Field(
        examples=["ada@example.com"],
        json_schema_extra={
            "format": "email",
            "maxLength": 254,
            "pattern": r"^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$",
        },
    ),
]
Password = Annotated[str, Field(min_length=10, max_length=256, description="At least 10 characters.")]
DisplayName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=80),
    Field(json_schema_extra={"pattern": r"\S"}),  # not blank once trimmed
]
Symbol = Annotated[str, AfterValidator(normalize_symbol), Field(examples=["AAPL"])]
