"""Start the proxy gateway in front of test upstreams (real uvicorn servers on loopback)."""

from contextlib import contextmanager

from quant_gateway.proxy.app import create_proxy_app
from quant_gateway.proxy.config import ProxySettings
from quant_shared.testing import serve_app


@contextmanager
def proxy_gateway(settings, upstreams: dict[str, dict], **policies):
    proxy = ProxySettings(upstreams=upstreams, _env_file=None, **policies)
    app = create_proxy_app(settings, proxy)
    with serve_app(app) as url:
        yield url, app
