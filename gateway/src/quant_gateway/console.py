"""The web console (``packages/console``, a static single-page app) served at ``/console``.

The same in both modes: the console talks to the platform through the generated TypeScript client on
the gateway's own origin. The route is a mount, so it is not part of the OpenAPI document. When the
bundle is not built, ``/console`` answers 404 with the commands that build it.
"""

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

PATH = "/console"
DIST = Path(__file__).resolve().parents[3] / "packages" / "console" / "dist"
BUILD = "pnpm --dir packages/console install && pnpm --dir packages/console build"
NOT_BUILT = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quant Platform console not built</title></head>
<body><h1>The console is not built</h1>
<p>Build it from the repository root, then reload this page (no restart needed):</p>
<pre>{BUILD}</pre>
<p>The REST API and its documentation are at <a href="/docs">/docs</a>.</p></body></html>
"""


IMMUTABLE = b"public, max-age=31536000, immutable"  # assets/ names carry a hash of their content


class ConsoleFiles:
    """``dist/`` when it holds a build, looked up on every request; else the 404 page above.
    ``index.html`` is revalidated on every load (it names the current assets), assets are cached."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.files: StaticFiles | None = None

    async def __call__(self, scope, receive, send) -> None:
        if self.files is None and (self.directory / "index.html").is_file():
            self.files = StaticFiles(directory=self.directory, html=True)
        if self.files is None:
            await HTMLResponse(NOT_BUILT, status_code=404)(scope, receive, send)
            return
        policy = IMMUTABLE if scope["path"].startswith(f"{PATH}/assets/") else b"no-cache"

        async def send_cached(message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                message["headers"] = [*message.get("headers", []), (b"cache-control", policy)]
            await send(message)

        await self.files(scope, receive, send_cached)


def install_console(app: FastAPI, directory: Path | None = None) -> None:
    app.mount(PATH, ConsoleFiles(directory or DIST), name="console")
