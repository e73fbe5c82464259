"""Services mode heals itself: a service process that dies is started again (with back-off) until the
services are stopped; a gateway restarted while a service is down still describes it (its last OpenAPI
document is kept on disk)."""

import time

from fastapi import FastAPI

from quant_gateway.cluster.runner import LocalServices, default_env
from quant_gateway.openapi.cache import OpenApiCache
from quant_gateway.proxy.http1_pool import Http1Pool
from quant_gateway.proxy.upstream import Upstream
from quant_shared.embedded import free_port
from quant_shared.testing import serve_app


def test_a_dead_service_is_started_again_until_stop(settings, token_factory, tmp_path):
    env = default_env(  # the settings fixture's databases: dropped after the test
        QUANT_MONGODB_URL=settings.mongodb_url, QUANT_DB_PREFIX=settings.db_prefix,
        QUANT_DATA_DIR=str(tmp_path),
        QUANT_JWT_PUBLIC_KEY=token_factory.public_pem, QUANT_LOG_LEVEL="WARNING",
    )  # fmt: skip
    services = LocalServices({"gen_ai": free_port()}, env, log_dir=tmp_path / "logs")
    services.start_all()
    service = services.services["gen_ai"]
    try:
        services.supervise(interval=0.1)
        first = service.process
        first.kill()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (service.process is not first and service.healthy()):
            time.sleep(0.2)
        assert service.process is not first and service.healthy(), "the killed service was not restarted"
    finally:
        services.stop_all()
    stopped = service.process
    time.sleep(1.5)  # longer than the first back-off: stop_all is final
    assert service.process is stopped and stopped.poll() is not None


async def test_a_restarted_gateway_describes_a_service_that_is_down(tmp_path):
    service = FastAPI(title="svc")

    @service.get("/things", tags=["Things"])
    async def things() -> list[str]:
        return []

    own = FastAPI(title="gateway").openapi
    with serve_app(service, lifespan="off") as url:
        upstreams = {"svc": Upstream("svc", url, ["/things"], 0.5, 0.5)}
        first = await OpenApiCache(own, upstreams, Http1Pool(), ttl=0, timeout=5, store=tmp_path).get()
        assert "/things" in first["paths"]
    # the service is down now; a gateway started afresh
    merged = await OpenApiCache(own, upstreams, Http1Pool(), ttl=0, timeout=0.5, store=tmp_path).get()
    assert "/things" in merged["paths"] and "x-unavailable-services" not in merged
    nothing_kept = await OpenApiCache(own, upstreams, Http1Pool(), ttl=0, timeout=0.5).get()
    assert nothing_kept["x-unavailable-services"] == ["svc"]
