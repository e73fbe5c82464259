"""Model artifacts in the skops format: loading never unpickles arbitrary code."""

import skops.io as sio
from sklearn.base import BaseEstimator

_SAFE_PREFIXES = ("sklearn.", "numpy.", "builtins.", "collections.", "scipy.")


class UnsafeArtifactError(ValueError):
    """The artifact names types outside scikit-learn / numpy / scipy."""


def dumps(model: BaseEstimator) -> bytes:
    return sio.dumps(model)


def loads(data: bytes) -> BaseEstimator:
    """Load trusting only library types; anything else (e.g. a custom class) is refused."""
    untrusted = sio.get_untrusted_types(data=data)
    unsafe = [t for t in untrusted if not t.startswith(_SAFE_PREFIXES)]
    if unsafe:
        raise UnsafeArtifactError(f"artifact holds untrusted types: {unsafe}")
    return sio.loads(data, trusted=untrusted)
