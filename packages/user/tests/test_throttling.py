"""Login throttling: guesses slow their own client address (growing waits), never the account's owner
elsewhere; one address is capped across accounts; 429 problems carry Retry-After."""

import asyncio

import httpx

from .conftest import PASSWORD, login, signup


async def _fail(client, email: str):
    return await client.post("/auth/token", data={"username": email, "password": "wrong password!"})


def _elsewhere(client: httpx.AsyncClient) -> httpx.AsyncClient:
    """The same app, reached from another client address."""
    transport = httpx.ASGITransport(app=client._transport.app, client=("10.9.8.7", 4321))
    return httpx.AsyncClient(transport=transport, base_url=client.base_url)


async def test_guesses_slow_their_source_and_not_the_owner(client):
    await signup(client, "ada@example.com")
    for _ in range(3):  # the test settings let 3 failures per account and client cost nothing
        assert (await _fail(client, "ada@example.com")).status_code == 401
    slowed = await client.post("/auth/token", data={"username": "ada@example.com", "password": PASSWORD})
    assert slowed.status_code == 429 and slowed.headers["content-type"].startswith("application/problem+json")
    assert slowed.headers["retry-after"] == "1" and slowed.json()["retry_after"] == 1
    async with _elsewhere(client) as owner:  # the owner, from another address, is not locked out
        assert (await login(owner, "ada@example.com"))["access_token"]
    await asyncio.sleep(1.1)
    assert (await _fail(client, "ada@example.com")).status_code == 401  # the wait passed: one more try
    again = await _fail(client, "ada@example.com")
    assert again.status_code == 429 and again.headers["retry-after"] == "2"  # and the next wait doubles


async def test_client_address_is_throttled_across_accounts(client):
    for i in range(6):  # 6 failures per client, spread over accounts that are never slowed
        assert (await _fail(client, f"user{i}@example.com")).status_code == 401
    resp = await _fail(client, "fresh@example.com")
    assert resp.status_code == 429 and "from this client" in resp.json()["detail"]
    async with _elsewhere(client) as other:
        assert (await _fail(other, "fresh@example.com")).status_code == 401


async def test_success_resets_the_count(client):
    await signup(client, "carol@example.com")
    for _ in range(2):
        await _fail(client, "carol@example.com")
    await login(client, "carol@example.com")
    for _ in range(2):
        assert (await _fail(client, "carol@example.com")).status_code == 401
    assert (await login(client, "carol@example.com"))["access_token"]
