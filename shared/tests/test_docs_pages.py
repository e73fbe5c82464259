"""``/docs`` and ``/redoc`` load every asset from the platform itself: no CDN, no web fonts."""

import re


async def test_docs_pages_need_no_other_host(client):
    for page, assets in (("/docs", 3), ("/redoc", 2)):
        resp = await client.get(page)
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
        urls = re.findall(r"""(?:src|href|url)\s*[=:]\s*['"]([^'"]+)['"]""", resp.text)
        assert "http" not in resp.text.replace("http://testserver", ""), page  # nothing from another host
        local = [u for u in urls if u.startswith("/docs-assets/")]
        assert len(set(local)) >= assets, (page, urls)
        for url in set(local):
            asset = await client.get(url)
            assert asset.status_code == 200 and len(asset.content) > 1000, url
    assert (await client.get("/docs/oauth2-redirect")).status_code == 200
    spec = (await client.get("/openapi.json")).json()
    token_url = spec["components"]["securitySchemes"]["OAuth2PasswordBearer"]["flows"]["password"]["tokenUrl"]
    assert token_url == "/auth/token"  # "Authorize" signs in against the platform itself
