"""Model artifacts in the skops format: loading never unpickles arbitrary code.

skops (and scikit-learn with it, ~2 s) is imported on first use, not at the platform's start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sklearn.base import BaseEstimator

_SAFE_PREFIXES = ("sklearn.", "numpy.", "builtins.", "collections.", "scipy.")


class UnsafeArtifactError(ValueError):
    """The artifact names types outside scikit-learn / numpy / scipy."""


def dumps(model: BaseEstimator) -> bytes:
    import skops.io as sio

    return sio.dumps(model)


def loads(data: bytes) -> BaseEstimator:
    """Load trusting only library types; anything else (e.g. a custom class) is refused."""
    import skops.io as sio

    untrusted = sio.get_untrusted_types(data=data)
    unsafe = [t for t in untrusted if not t.startswith(_SAFE_PREFIXES)]
    if unsafe:
        raise UnsafeArtifactError(f"artifact holds untrusted types: {unsafe}")
    return sio.loads(data, trusted=untrusted)
