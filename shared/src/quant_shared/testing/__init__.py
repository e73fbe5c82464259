"""Test helpers shared by every package's tests."""

from quant_shared.testing.client import running_app, wait_for_task
from quant_shared.testing.server import serve_app
from quant_shared.testing.tokens import TokenFactory, bearer, new_ed25519_pem_pair

__all__ = ["TokenFactory", "bearer", "new_ed25519_pem_pair", "running_app", "serve_app", "wait_for_task"]
