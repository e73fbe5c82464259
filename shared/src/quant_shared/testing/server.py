"""Serve an ASGI app over real HTTP on loopback in a background thread (uvicorn), for tests."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from quant_shared.embedded import free_port


@contextmanager
def serve_app(app, port: int | None = None, lifespan: str = "on") -> Iterator[str]:
    """Yield the base URL (``http://127.0.0.1:<port>``) while uvicorn serves ``app``."""
    port = port or free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan=lifespan)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
