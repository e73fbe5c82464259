"""Merge OpenAPI documents: the gateway's own routes first, then each service's, unused schemas dropped."""

import copy
from collections.abc import Sequence
from typing import Any

REF_PREFIX = "#/components/schemas/"


def _refs(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF_PREFIX):
            found.add(ref[len(REF_PREFIX) :])
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)


def reachable_schemas(paths: dict, schemas: dict) -> set[str]:
    """Names of the schemas that the paths use, directly or through other schemas."""
    pending: set[str] = set()
    _refs(paths, pending)
    seen: set[str] = set()
    while pending:
        name = pending.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        _refs(schemas[name], pending)
    return seen


def merge_documents(own: dict, services: Sequence[dict], leading_tags: int = 1) -> dict:
    """One document: ``own`` (the gateway's routes and info) plus every service document in order.

    Tags: the first ``leading_tags`` of ``own`` (System), then each service's tags in order, then the
    rest of ``own`` (Admin System): the same order as the all-in-one app's.
    """
    merged = copy.deepcopy(own)
    paths: dict = merged.setdefault("paths", {})
    components: dict = merged.setdefault("components", {})
    own_tags = merged.get("tags", [])
    tags = list(own_tags[:leading_tags])
    names = {t["name"] for t in own_tags}
    for doc in services:
        for path, item in doc.get("paths", {}).items():
            paths.setdefault(path, copy.deepcopy(item))
        for section, entries in doc.get("components", {}).items():
            target = components.setdefault(section, {})
            for name, value in entries.items():
                target.setdefault(name, copy.deepcopy(value))
        for tag in doc.get("tags", []):
            if tag["name"] not in names:
                names.add(tag["name"])
                tags.append(copy.deepcopy(tag))
    tags.extend(own_tags[leading_tags:])
    merged["tags"] = tags
    schemas = components.get("schemas", {})
    keep = reachable_schemas(paths, schemas)
    components["schemas"] = {name: value for name, value in schemas.items() if name in keep}
    return merged
