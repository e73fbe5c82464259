"""The ``ModelStatus`` lifecycle: which moves are allowed, and a model's overall status."""

from quant_shared.enums import ModelStatus as S

TRANSITIONS: dict[S, set[S]] = {
    S.DRAFT: {S.STAGING, S.ARCHIVED},
    S.STAGING: {S.PRODUCTION, S.DRAFT, S.ARCHIVED},
    S.PRODUCTION: {S.STAGING, S.ARCHIVED},
    S.ARCHIVED: {S.DRAFT},
}
_RANK = {S.ARCHIVED: 0, S.DRAFT: 1, S.STAGING: 2, S.PRODUCTION: 3}


def can_move(current: S, target: S) -> bool:
    return target in TRANSITIONS[current]


def overall(statuses: list[S]) -> S:
    """A model is as advanced as its most advanced version (archived when it has none left)."""
    return max(statuses, key=_RANK.__getitem__) if statuses else S.ARCHIVED
