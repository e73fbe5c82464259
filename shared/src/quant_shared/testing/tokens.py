"""Test-only token minting with a throw-away key pair (production tokens come from the user domain)."""

import time
import uuid
from dataclasses import dataclass, field

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from quant_shared.enums import Role


def new_ed25519_pem_pair() -> tuple[str, str]:
    """(private PEM, public PEM) of a fresh Ed25519 key."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


@dataclass
class TokenFactory:
    issuer: str = "quant-platform"
    audience: str = "quant-platform"
    private_pem: str = ""
    public_pem: str = ""
    kid: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    def __post_init__(self) -> None:
        if not self.private_pem:
            self.private_pem, self.public_pem = new_ed25519_pem_pair()

    def mint(
        self, user_id: str | None = None, roles: list[Role] | None = None, ttl: int = 300, **claims: object
    ) -> str:
        now = int(time.time())
        body = {
            "sub": user_id or uuid.uuid4().hex,
            "roles": [r.value for r in (roles or [Role.USER])],
            "iat": now,
            "exp": now + ttl,
            "iss": self.issuer,
            "aud": self.audience,
            "typ": "access",
        }
        body.update(claims)
        return jwt.encode(body, self.private_pem, algorithm="EdDSA", headers={"kid": self.kid})

    def user(self, user_id: str | None = None) -> str:
        return self.mint(user_id)

    def admin(self, user_id: str | None = None) -> str:
        return self.mint(user_id, [Role.USER, Role.ADMIN])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
