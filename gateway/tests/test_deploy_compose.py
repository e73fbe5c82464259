"""The compose file agrees with the code and with the Kubernetes overlays: images, build arguments,
ports, health checks, variable names (against each service's settings classes) and the workers."""

import re

from .deploy_definitions import (
    DOMAINS,
    SERVICES,
    compose,
    domain_of,
    image_name,
    known_variables,
    port_of,
    service_urls,
    validate_settings,
)

WORKERS = ["trading-worker", "market-data-worker", "ml-platform-worker"]
TAG = "${QUANT_IMAGE_TAG:-main}"  # the overlays' and the pipelines' tag unless set


def test_replica_set_broker_every_service_its_workers_and_the_gateway():
    services = compose()["services"]
    assert set(services) == {
        "mongo1",
        "mongo2",
        "mongo3",
        "mongo-init",
        "nats",
        "gateway",
        *SERVICES,
        *WORKERS,
    }
    assert "--replSet" in services["mongo1"]["command"] and "-js" in services["nats"]["command"]
    assert services["gateway"]["image"] == f"{image_name('gateway')}:{TAG}"
    assert services["gateway"]["build"]["dockerfile"] == "gateway/Dockerfile"


def test_every_service_is_built_from_the_shared_dockerfile_and_listens_on_the_port_of_the_code():
    services = compose()["services"]
    for name in SERVICES + WORKERS:
        service, domain = services[name], domain_of(name)
        assert service["image"] == f"{image_name(name.removesuffix('-worker'))}:{TAG}", name
        assert service["build"]["dockerfile"] == "services/Dockerfile", name
        assert service["build"]["args"] == {"DOMAIN": domain, "PORT": str(port_of(name))}, name
        env = service["environment"]
        assert env["QUANT_SERVICE_URLS"] and service_urls(env) == {
            d: f"http://{d.replace('_', '-')}:{port_of(d)}" for d in DOMAINS
        }
        if name in SERVICES:
            assert env["QUANT_SERVICE_PORT"] == str(port_of(name)) and service["expose"] == [
                str(port_of(name))
            ]
            assert "healthcheck" not in service, f"{name}: the image's health check (GET /health) applies"


def test_every_variable_is_one_a_settings_class_reads_and_required_ones_are_set(monkeypatch):
    services = compose()["services"]
    for name in SERVICES + WORKERS + ["gateway"]:
        env = {k: re.sub(r"\$\{\w+:-(.*)\}", r"\1", v) for k, v in services[name]["environment"].items()}
        unknown = set(env) - known_variables(name)
        assert not unknown, f"{name}: variables no settings class reads: {sorted(unknown)}"
        validate_settings(name, env, monkeypatch)
        assert "replicaSet=rs0" in env["QUANT_MONGODB_URL"] and env["QUANT_JWT_PUBLIC_KEY_FILE"]
        assert env["QUANT_JWT_PUBLIC_KEY_FILE"].removeprefix("/run/secrets/") in services[name]["secrets"]
        if name != "gateway":
            assert env["QUANT_EVENTS_BACKEND"] == "nats" and env["FORWARDED_ALLOW_IPS"] != "*"
    assert services["market-data"]["environment"]["QUANT_MARKET_DATA_SEED_DEMO"].endswith(":-false}")


def test_a_worker_per_queue_with_a_grace_period_longer_than_the_ack_wait():
    services = compose()["services"]
    for worker in WORKERS:
        service, queue = services[worker], worker.removesuffix("-worker")
        assert service["command"] == [
            "python", "-m", "quant_shared.workers", "--domains", domain_of(worker), "--queue", queue,
        ]  # fmt: skip
        env = service["environment"]
        assert env["QUANT_WORKERS_BACKEND"] == "nats" and env["QUANT_WORKERS_QUEUE"] == queue
        assert services[queue]["environment"]["QUANT_WORKERS_QUEUE"] == queue  # the API dispatches there
        grace = int(service["stop_grace_period"].removesuffix("s"))
        assert grace > float(env["QUANT_WORKERS_ACK_WAIT_SECONDS"])
        assert service["healthcheck"] == {"disable": True} and service["deploy"]["resources"]["limits"]
