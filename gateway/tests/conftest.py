"""Fixtures shared by the gateway's test modules."""

import pytest

from .cluster_fixtures import running_cluster


@pytest.fixture(scope="session")
def services_cluster(mongo_url, token_factory, tmp_path_factory):
    """Every domain as its own process behind the proxy gateway, started once for the modules that need
    it; the user service signs with the test key pair, so minted and issued tokens both work."""
    folder = tmp_path_factory.mktemp("cluster")
    key = folder / "jwt_private.pem"
    key.write_text(token_factory.private_pem)
    with running_cluster(
        mongo_url, token_factory.public_pem, folder, QUANT_USER_JWT_PRIVATE_KEY_FILE=str(key)
    ) as cluster:
        yield cluster
