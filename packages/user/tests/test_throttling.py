"""Login throttling: per account and per client address, 429 problems with Retry-After."""

from .conftest import PASSWORD, login, signup


async def _fail(client, email: str):
    return await client.post("/auth/token", data={"username": email, "password": "wrong password!"})


async def test_account_is_throttled_after_repeated_failures(client):
    await signup(client, "ada@example.com")
    for _ in range(3):  # the test settings allow 3 failures per account
        assert (await _fail(client, "ada@example.com")).status_code == 401
    locked = await client.post("/auth/token", data={"username": "ada@example.com", "password": PASSWORD})
    assert locked.status_code == 429 and locked.headers["content-type"].startswith("application/problem+json")
    retry = int(locked.headers["retry-after"])
    assert 890 <= retry <= 900 and locked.json()["retry_after"] == retry  # window of 900 s
    # another account from the same client is still allowed (3 failures < 6 per client)
    await signup(client, "bob@example.com")
    assert (await login(client, "bob@example.com"))["access_token"]


async def test_client_address_is_throttled_across_accounts(client):
    for i in range(6):  # 6 failures per client, spread over accounts that never lock
        assert (await _fail(client, f"user{i}@example.com")).status_code == 401
    resp = await _fail(client, "fresh@example.com")
    assert resp.status_code == 429 and "this client" in resp.json()["detail"]


async def test_success_resets_the_account_counter(client):
    await signup(client, "carol@example.com")
    for _ in range(2):
        await _fail(client, "carol@example.com")
    await login(client, "carol@example.com")
    for _ in range(2):
        assert (await _fail(client, "carol@example.com")).status_code == 401
    assert (await login(client, "carol@example.com"))["access_token"]
