"""Opaque secrets (refresh tokens, API keys): random, shown once, stored as SHA-256 digests.

These secrets carry 256 bits of randomness, so a fast digest is enough (no password stretching needed).
"""

import hashlib
import hmac
import secrets

REFRESH_PREFIX = "rt_"
API_KEY_PREFIX = "qk_"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same_digest(secret: str, stored: str) -> bool:
    return hmac.compare_digest(digest(secret), stored)


def new_refresh_token() -> str:
    return REFRESH_PREFIX + secrets.token_urlsafe(32)


def new_api_key() -> tuple[str, str]:
    """(lookup prefix, full key); the key reads ``qk_<prefix>_<secret>``."""
    prefix = secrets.token_hex(4)
    return prefix, f"{API_KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"


def api_key_prefix(key: str) -> str | None:
    """The lookup prefix of a well-formed key, else None."""
    if not key.startswith(API_KEY_PREFIX):
        return None
    prefix, sep, rest = key[len(API_KEY_PREFIX) :].partition("_")
    return prefix if sep and len(prefix) == 8 and rest else None
