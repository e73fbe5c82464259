"""Domain discovery: every installed package that declares a ``quant.domains`` entry point."""

from importlib.metadata import entry_points

from quant_shared.domain import DomainSpec

ENTRY_POINT_GROUP = "quant.domains"
# Display order of the domains in the unified API (unknown domains follow, by name).
DOMAIN_ORDER = ["user", "market_data", "trading", "ml_platform", "gen_ai"]


def discover_domains(only: list[str] | None = None) -> list[DomainSpec]:
    specs: list[DomainSpec] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if only is not None and ep.name not in only:
            continue
        spec = ep.load()
        if not isinstance(spec, DomainSpec):
            raise TypeError(f"entry point {ep.value} is not a DomainSpec")
        specs.append(spec)
    rank = {name: i for i, name in enumerate(DOMAIN_ORDER)}
    return sorted(specs, key=lambda s: (rank.get(s.name, len(rank)), s.name))
