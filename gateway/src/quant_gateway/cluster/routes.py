"""The routing table of proxy mode, derived from the installed domains' routers.

Used to write the configuration (``python -m quant_gateway routes``, the local services runner);
the gateway itself only reads configuration.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence

from fastapi import FastAPI

from quant_shared.domain import DomainSpec

# First segments that always need a second one: the gateway serves /admin/system itself.
SHARED_SEGMENTS = frozenset({"admin"})
GATEWAY_PATHS = frozenset({"health", "docs", "openapi.json", "redoc"})
# /tasks is served by every service from the shared task records; one of them takes it.
TASKS_OWNER_PREFERENCE = ("trading", "ml_platform", "market_data", "gen_ai", "user")


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def domain_paths(spec: DomainSpec) -> list[str]:
    """The documented paths of a domain's router (routes hidden from the schema must share a prefix)."""
    app = FastAPI()
    app.include_router(spec.router)
    return list(app.openapi().get("paths", {}))


def domain_prefixes(specs: Sequence[DomainSpec]) -> dict[str, list[str]]:
    """Prefixes per domain: ``/first`` when one domain owns that segment, ``/first/second`` otherwise."""
    paths = {spec.name: [_segments(p) for p in domain_paths(spec)] for spec in specs}
    owners: dict[str, set[str]] = defaultdict(set)
    for name, segs in paths.items():
        for seg in segs:
            if seg:
                owners[seg[0]].add(name)
    table: dict[str, list[str]] = {}
    taken: dict[str, str] = {}
    for name, segs in paths.items():
        prefixes: list[str] = []
        for seg in segs:
            if not seg or seg[0] in GATEWAY_PATHS:
                continue
            if len(owners[seg[0]]) == 1 and seg[0] not in SHARED_SEGMENTS:
                prefix = f"/{seg[0]}"
            elif len(seg) >= 2 and not seg[1].startswith("{"):
                prefix = f"/{seg[0]}/{seg[1]}"
            else:
                raise ValueError(f"/{'/'.join(seg)} of {name} cannot be routed: its prefix is shared")
            if taken.setdefault(prefix, name) != name:
                raise ValueError(f"{prefix} is served by both {taken[prefix]} and {name}")
            if prefix not in prefixes:
                prefixes.append(prefix)
        table[name] = prefixes
    owner = next((n for n in TASKS_OWNER_PREFERENCE if n in table), next(iter(table), None))
    if owner is not None:
        table[owner].append("/tasks")
    return table


def upstream_table(specs: Sequence[DomainSpec], urls: Mapping[str, str]) -> dict[str, dict]:
    """The JSON routing table of ``QUANT_GATEWAY_UPSTREAMS`` for services at ``urls``."""
    prefixes = domain_prefixes(specs)
    return {name: {"url": urls[name], "prefixes": prefixes[name]} for name in prefixes if name in urls}
