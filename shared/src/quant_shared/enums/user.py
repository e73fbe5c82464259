"""User-domain enums."""

__all__: list[str] = []
