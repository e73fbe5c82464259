"""Minting access tokens: short-lived EdDSA JWTs the shared ``TokenVerifier`` accepts."""

import time
from dataclasses import dataclass

import jwt

from quant_shared.enums import Role
from quant_user.security.signing_keys import SigningKeys


@dataclass(frozen=True)
class AccessTokenIssuer:
    keys: SigningKeys
    issuer: str
    audience: str
    ttl_seconds: int

    def mint(self, user_id: str, roles: list[Role], email: str) -> str:
        now = int(time.time())
        claims = {
            "sub": user_id,
            "roles": [Role(r).value for r in roles],
            "email": email,
            "iat": now,
            "exp": now + self.ttl_seconds,
            "iss": self.issuer,
            "aud": self.audience,
            "typ": "access",
        }
        return jwt.encode(
            claims, self.keys.private_pem, algorithm=self.keys.algorithm, headers={"kid": self.keys.kid}
        )
