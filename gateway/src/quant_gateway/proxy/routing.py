"""Routing table: the first one or two path segments select the upstream service."""

from collections.abc import Mapping


class RouteTable:
    """Maps ``/name`` and ``/name/sub`` prefixes to upstream names with two dictionary look-ups.

    A two-segment prefix wins over a one-segment one (``/admin/users`` before ``/admin``); a
    prefix matches itself and everything below it, never a longer segment (``/ml`` is not ``/mlx``).
    """

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self._one: dict[str, str] = {}
        self._two: dict[str, str] = {}
        for prefix, upstream in prefixes.items():
            key = prefix.strip("/")
            target = self._two if "/" in key else self._one
            if key in target and target[key] != upstream:
                raise ValueError(f"prefix {prefix} is routed to both {target[key]} and {upstream}")
            target[key] = upstream

    @classmethod
    def from_upstreams(cls, upstreams: Mapping[str, list[str]]) -> "RouteTable":
        return cls({prefix: name for name, prefixes in upstreams.items() for prefix in prefixes})

    def match(self, path: str) -> str | None:
        """The upstream serving ``path``, or None when the gateway answers itself."""
        rest = path[1:]
        first, sep, tail = rest.partition("/")
        if self._two and sep:
            second = tail.partition("/")[0]
            hit = self._two.get(f"{first}/{second}")
            if hit is not None:
                return hit
        return self._one.get(first)

    def prefixes(self) -> dict[str, str]:
        return {f"/{k}": v for k, v in {**self._one, **self._two}.items()}
