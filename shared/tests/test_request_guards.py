"""Every route refuses JSON ``NaN``/``Infinity`` (422 naming the field) and bodies over the limit (413); a
405 names every method of the path."""

from quant_shared.app_factory import create_domain_app
from quant_shared.testing import bearer, running_app

from .sample_domain import DOMAIN, Widget


async def test_non_finite_numbers_are_refused_and_nothing_is_written(client, token_factory):
    user = bearer(token_factory.user("alice"))
    headers = {**user, "content-type": "application/json"}
    for body, field in (
        (b'{"name": "a", "size": NaN}', "body.size"),
        (b'{"name": "b", "size": 3, "extra": {"x": [1, -Infinity]}}', "body.extra.x.1"),
    ):
        resp = await client.post("/widgets", content=body, headers=headers)
        assert resp.status_code == 422, resp.text
        problem = resp.json()
        assert resp.headers["content-type"].startswith("application/problem+json")
        assert problem["errors"][0]["field"] == field and "not a JSON number" in problem["detail"]
    assert await Widget.count() == 0
    # the letters inside a string are text, not a number
    resp = await client.post("/widgets", content=b'{"name": "NaN Infinity", "size": 3}', headers=headers)
    assert resp.status_code == 201 and resp.json()["name"] == "NaN Infinity"


async def test_bodies_over_the_limit_get_413(settings, token_factory):
    app = create_domain_app(DOMAIN, settings.model_copy(update={"max_body_bytes": 1000}))
    async with running_app(app) as client:
        user = bearer(token_factory.user("alice"))
        big = {"name": "x" * 2000, "size": 3}
        resp = await client.post("/widgets", json=big, headers=user)
        assert resp.status_code == 413
        assert resp.headers["content-type"].startswith("application/problem+json")

        async def stream():
            for _ in range(10):
                yield b" " * 500  # no declared length: counted as it arrives

        resp = await client.post(
            "/widgets", content=stream(), headers={**user, "content-type": "application/json"}
        )
        assert resp.status_code == 413
        assert (
            await client.post("/widgets", json={"name": "ok", "size": 3}, headers=user)
        ).status_code == 201


async def test_405_names_every_method_of_the_path(client, token_factory):
    resp = await client.patch("/widgets", json={}, headers=bearer(token_factory.user("alice")))
    assert resp.status_code == 405 and resp.headers["content-type"].startswith("application/problem+json")
    assert resp.headers["allow"] == "GET, HEAD, POST"  # both routes of /widgets, not the first one only
