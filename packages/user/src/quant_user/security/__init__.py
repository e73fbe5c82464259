"""Credentials: password hashing, the signing key pair, access tokens, opaque secrets."""
