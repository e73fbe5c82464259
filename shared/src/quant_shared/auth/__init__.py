"""JWT verification and the ``require_user`` / ``require_admin`` dependencies."""

from quant_shared.auth.deps import (
    AdminUser,
    CurrentUser,
    get_verifier,
    oauth2_scheme,
    optional_user,
    require_admin,
    require_user,
)
from quant_shared.auth.principal import Principal
from quant_shared.auth.verifier import TokenVerifier, public_jwk

__all__ = [
    "AdminUser",
    "CurrentUser",
    "Principal",
    "TokenVerifier",
    "get_verifier",
    "oauth2_scheme",
    "optional_user",
    "public_jwk",
    "require_admin",
    "require_user",
]
