"""OpenAPI tags that more than one domain's routers carry, defined once.

``Admin Models`` is the admin group of the platform's registries: the ML platform's models and
deployments and the gen-AI prompt templates, which are versioned, labelled and reviewed like
registered models.
"""

ADMIN_MODELS_TAG = {
    "name": "Admin Models",
    "description": "The registries of every user, admin only: ML models and deployments (list, "
    "archive, delete) and prompt templates (review versions, where an author never approves their "
    "own, and move labels such as `production`).",
}


def unique_tags(tags: list[dict]) -> list[dict]:
    """The tags in order, each name once (the first declaration wins)."""
    seen: set[str] = set()
    return [t for t in tags if not (t["name"] in seen or seen.add(t["name"]))]
