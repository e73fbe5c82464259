"""Access-token verification with the user domain's public key (configured PEM or cached JWKS)."""

import asyncio
import json
import time
from typing import Any

import httpx
import jwt
from jwt import PyJWK

from quant_shared.auth.principal import Principal
from quant_shared.auth.revocations import Revocations
from quant_shared.enums import Role
from quant_shared.errors import ServiceUnavailableError, UnauthorizedError
from quant_shared.settings import Settings


class TokenVerifier:
    """Verifies JWT access tokens; it holds public keys only, so it can never mint a token."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient | None = None) -> None:
        self.settings = settings
        self._static_key: Any = None
        self._jwks: dict[str, PyJWK] = {}
        self._jwks_at = 0.0
        self._lock = asyncio.Lock()
        self._http = http
        self.revocations = Revocations()
        if settings.jwt_public_key:
            self._static_key = settings.jwt_public_key.encode()

    def _load_key_file(self) -> None:
        """The key file may appear after start-up (the user domain creates it on first start)."""
        path = self.settings.jwt_public_key_file
        if self._static_key is None and path is not None and path.exists():
            self._static_key = path.read_bytes()

    def set_public_key(self, pem: str) -> None:
        self._static_key = pem.encode()

    async def _jwks_keys(self, refresh: bool = False) -> dict[str, PyJWK]:
        url = self.settings.jwt_jwks_url
        if not url:
            return {}
        fresh = time.monotonic() - self._jwks_at < self.settings.jwt_jwks_ttl_seconds
        if self._jwks and fresh and not refresh:
            return self._jwks
        async with self._lock:
            try:
                client = self._http or httpx.AsyncClient(timeout=5.0)
                try:
                    resp = await client.get(url)
                finally:
                    if self._http is None:
                        await client.aclose()
                resp.raise_for_status()
                keys = {k.get("kid", ""): PyJWK(k) for k in resp.json().get("keys", [])}
            except (httpx.HTTPError, ValueError, jwt.PyJWTError) as exc:
                if self._jwks:
                    return self._jwks
                raise ServiceUnavailableError(f"Cannot fetch signing keys: {exc}") from exc
            self._jwks, self._jwks_at = keys, time.monotonic()
            return keys

    async def _key_for(self, token: str) -> Any:
        if self._static_key is not None:
            return self._static_key
        try:
            kid = jwt.get_unverified_header(token).get("kid", "")
        except jwt.PyJWTError as exc:
            raise UnauthorizedError("Malformed token") from exc
        keys = await self._jwks_keys()
        if kid not in keys:
            keys = await self._jwks_keys(refresh=True)
        if kid not in keys:
            raise UnauthorizedError("Token signed with an unknown key")
        return keys[kid].key

    async def verify(self, token: str) -> Principal:
        self._load_key_file()
        if self._static_key is None and not self.settings.jwt_jwks_url:
            raise ServiceUnavailableError("Token verification is not configured (no public key or JWKS URL)")
        key = await self._key_for(token)
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=self.settings.jwt_algorithms,
                audience=self.settings.jwt_audience,
                issuer=self.settings.jwt_issuer,
                options={"require": ["exp", "sub", "iat"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise UnauthorizedError("Token expired") from exc
        except jwt.PyJWTError as exc:
            raise UnauthorizedError(f"Invalid token: {exc}") from exc
        if claims.get("typ", "access") != "access":
            raise UnauthorizedError("Not an access token")
        if self.revocations.refuses(str(claims["sub"]), claims["iat"]):
            raise UnauthorizedError(
                "This token was revoked (account deactivated, deleted or its roles changed)"
            )
        try:
            roles = [Role(r) for r in claims.get("roles", [Role.USER.value])]
        except ValueError as exc:
            raise UnauthorizedError("Token carries an unknown role") from exc
        return Principal(user_id=str(claims["sub"]), roles=roles, email=claims.get("email"), token=token)


def public_jwk(pem: str, kid: str) -> dict[str, Any]:
    """The JWKS entry of a PEM public key (used by the user domain's JWKS endpoint)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    key = load_pem_public_key(pem.encode())
    if isinstance(key, Ed25519PublicKey):
        data = json.loads(jwt.algorithms.OKPAlgorithm.to_jwk(key))
        data["alg"] = "EdDSA"
    else:
        data = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key))
        data["alg"] = "RS256"
    data.update({"kid": kid, "use": "sig"})
    return data
