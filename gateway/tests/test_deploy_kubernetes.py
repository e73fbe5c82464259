"""Both Kubernetes overlays, rendered with kustomize, agree with the code: ports, probe paths, variable
names (against each service's settings classes), required settings, images, workers and safe defaults."""

import pytest

from quant_market_data.settings import MarketDataSettings
from quant_shared.app_factory import build_app
from quant_shared.openapi.document import api_routes
from quant_shared.settings import Settings
from quant_shared.workers.settings import WorkerSettings

from .deploy_definitions import (
    DOMAINS,
    OVERLAYS,
    ROOT,
    SERVICES,
    container_env,
    domain_of,
    image_name,
    known_variables,
    objects,
    port_of,
    render,
    service_urls,
    validate_settings,
)

TASK_DOMAINS = sorted(d for d in DOMAINS if "task_dispatcher" in "".join(
    p.read_text() for p in (ROOT / "packages" / d / "src").rglob("*.py")))  # fmt: skip
WORKERS = [f"{d.replace('_', '-')}-worker" for d in TASK_DOMAINS]


def get_paths() -> set[str]:
    app = build_app(title="probe", version="0", settings=Settings(_env_file=None), specs=[])
    return {route.path for route in api_routes(app) if "GET" in route.methods}


def main_container(overlay: str, name: str) -> dict:
    return objects(overlay, "Deployment")[name]["spec"]["template"]["spec"]["containers"][0]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_service_listens_probes_and_is_reached_on_the_port_of_the_code(overlay):
    routes, services = get_paths(), objects(overlay, "Service")
    for name in SERVICES + ["gateway"]:
        container, port = main_container(overlay, name), port_of(name)
        assert [p["containerPort"] for p in container["ports"]] == [port], name
        assert services[name]["spec"]["ports"][0]["port"] == port, name
        if name != "gateway":
            assert container_env(overlay, container)["QUANT_SERVICE_PORT"] == str(port), name
        for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
            check = container.get(probe, {}).get("httpGet")
            if check:
                assert check["path"] in routes, f"{name} {probe}: no GET {check['path']} in the app"
                assert check["port"] in ("http", port), name
    env = container_env(overlay, main_container(overlay, "trading"))
    assert service_urls(env) == {d: f"http://{d.replace('_', '-')}:{port_of(d)}" for d in DOMAINS}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_variable_is_one_a_settings_class_reads_and_required_ones_are_set(overlay, monkeypatch):
    for name, deployment in objects(overlay, "Deployment").items():
        pod = deployment["spec"]["template"]["spec"]
        mounts = {m["mountPath"] for m in pod["containers"][0].get("volumeMounts", [])}
        env = container_env(overlay, pod["containers"][0])
        unknown = set(env) - known_variables(name)
        assert not unknown, f"{overlay}/{name}: variables no settings class reads: {sorted(unknown)}"
        validate_settings(name, env, monkeypatch)
        assert env["QUANT_MONGODB_URL"] == "<Secret quant-mongodb>", name
        key_file = env["QUANT_JWT_PUBLIC_KEY_FILE"]
        assert key_file.rsplit("/", 1)[0] in mounts, f"{name}: {key_file} is not mounted"
        if name == "gateway":
            continue
        assert env["QUANT_EVENTS_BACKEND"] == "nats" and env["QUANT_EVENTS_NATS_URL"], name
        assert set(service_urls(env)) >= set(DOMAINS) - {domain_of(name)}, name
    user = container_env(overlay, main_container(overlay, "user"))
    assert user["QUANT_USER_JWT_PRIVATE_KEY_FILE"].rsplit("/", 1)[0] == "/run/secrets/quant"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_images_are_the_pipelines_and_every_container_has_requests_and_limits(overlay):
    for name, deployment in objects(overlay, "Deployment").items():
        service = name.removesuffix("-worker")
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            assert container["image"] == f"{image_name(service)}:main", f"{overlay}/{name}"
            resources = container["resources"]
            assert set(resources["requests"]) == set(resources["limits"]) == {"cpu", "memory"}, name
        assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_a_worker_per_queue_autoscaled_on_its_depth_and_api_pods_dispatch_to_it(overlay):
    assert TASK_DOMAINS == ["market_data", "ml_platform", "trading"]
    namespace = render(overlay)[0]["metadata"]["namespace"]
    scaled = objects(overlay, "ScaledObject")
    assert sorted(scaled) == sorted(WORKERS)
    for worker in WORKERS:
        service, domain = worker.removesuffix("-worker"), domain_of(worker)
        pod = objects(overlay, "Deployment")[worker]["spec"]["template"]["spec"]
        container = pod["containers"][0]
        env = container_env(overlay, container)
        assert container["command"] == ["python", "-m", "quant_shared.workers", "--domains", domain,
                                        "--queue", service]  # fmt: skip
        settings = WorkerSettings(_env_file=None, **{k[14:].lower(): v for k, v in env.items()
                                                     if k.startswith("QUANT_WORKERS_")})  # fmt: skip
        assert settings.backend == "nats" and settings.queue == service
        assert pod["terminationGracePeriodSeconds"] > settings.ack_wait_seconds, worker
        api = container_env(overlay, main_container(overlay, service))
        assert api["QUANT_WORKERS_BACKEND"] == "nats" and api["QUANT_WORKERS_QUEUE"] == service
        assert api["QUANT_WORKERS_NATS_URL"] == settings.nats_url
        trigger = scaled[worker]["spec"]["triggers"][0]
        assert trigger["type"] == "nats-jetstream"
        assert scaled[worker]["spec"]["scaleTargetRef"]["name"] == worker
        assert trigger["metadata"]["stream"] == settings.stream
        assert trigger["metadata"]["consumer"] == settings.durable()
        assert trigger["metadata"]["natsServerMonitoringEndpoint"].startswith(
            f"nats-headless.{namespace}.svc"
        )


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_safe_defaults_disruption_budgets_shared_backups_and_network_policies(overlay):
    assert MarketDataSettings.model_fields["seed_demo"].default is False
    market = container_env(overlay, main_container(overlay, "market-data"))
    assert market.get("QUANT_MARKET_DATA_SEED_DEMO", "false") == "false"
    deployments, budgets = objects(overlay, "Deployment"), objects(overlay, "PodDisruptionBudget")
    for name, deployment in deployments.items():
        selector = deployment["spec"]["selector"]["matchLabels"]
        assert budgets[name]["spec"]["selector"]["matchLabels"] == selector, name
    claim = objects(overlay, "PersistentVolumeClaim")["quant-backups"]
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]  # every gateway replica mounts it
    policies = objects(overlay, "NetworkPolicy")
    assert policies["default-deny-ingress"]["spec"] == {"podSelector": {}, "policyTypes": ["Ingress"]}
    allowed = policies["domain-services"]["spec"]["ingress"][0]
    assert {p["port"] for p in allowed["ports"]} == {port_of(s) for s in SERVICES}
    callers = allowed["from"][0]["podSelector"]["matchExpressions"][0]["values"]
    assert set(callers) == {"gateway", *SERVICES, *WORKERS}
    assert {p["port"] for p in policies["gateway"]["spec"]["ingress"][0]["ports"]} == {port_of("gateway")}
    for name in deployments:  # the pipelines apply one service's objects by this label
        assert deployments[name]["metadata"]["labels"]["app.kubernetes.io/component"] == name.removesuffix(
            "-worker"
        )


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_object_belongs_to_a_service_or_the_shared_configuration(overlay):
    """The pipelines apply one service's objects and the shared ones by this label."""
    for obj in render(overlay):
        component = obj["metadata"].get("labels", {}).get("app.kubernetes.io/component")
        assert component in {*SERVICES, "gateway", "platform"}, f"{obj['kind']}/{obj['metadata']['name']}"
