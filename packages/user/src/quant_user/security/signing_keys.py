"""The Ed25519 key pair signing access tokens: loaded, or created on first start (private key 0600)."""

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from quant_shared.auth import public_jwk

PRIVATE_NAME = "jwt_private.pem"
PUBLIC_NAME = "jwt_public.pem"


@dataclass(frozen=True)
class SigningKeys:
    private_pem: str
    public_pem: str
    kid: str
    algorithm: str = "EdDSA"

    def jwks(self) -> dict:
        return {"keys": [public_jwk(self.public_pem, self.kid)]}


def _public_pem_of(private_pem: bytes) -> tuple[str, str]:
    """(public PEM, JWT algorithm) of an Ed25519 (EdDSA) or RSA (RS256) private key."""
    key = serialization.load_pem_private_key(private_pem, password=None)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return public.decode(), "EdDSA" if isinstance(key, Ed25519PrivateKey) else "RS256"


def key_id(public_pem: str) -> str:
    """A stable key id: the first 16 hex digits of the SHA-256 of the public key."""
    return hashlib.sha256(public_pem.strip().encode()).hexdigest()[:16]


def _write(path: Path, data: bytes, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(path, mode)


def load_or_create(private_path: Path) -> SigningKeys:
    """Read the private key (creating a new Ed25519 key when missing) and keep the public PEM beside it."""
    if not private_path.exists():
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        _write(private_path, pem, 0o600)
    private_pem = private_path.read_bytes()
    public_pem, algorithm = _public_pem_of(private_pem)
    public_path = private_path.with_name(PUBLIC_NAME)
    if not public_path.exists() or public_path.read_text() != public_pem:
        _write(public_path, public_pem.encode(), 0o644)
    return SigningKeys(
        private_pem=private_pem.decode(), public_pem=public_pem, kid=key_id(public_pem), algorithm=algorithm
    )
