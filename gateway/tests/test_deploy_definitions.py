"""The deployment definitions (which cannot run here) are valid YAML and agree with the code."""

import json
import re

import pytest
import yaml

from quant_gateway.cluster.routes import upstream_table
from quant_gateway.cluster.runner import DEFAULT_PORTS
from quant_gateway.discovery import discover_domains
from quant_gateway.proxy.config import UpstreamConfig
from quant_shared.embedded import project_root

ROOT = project_root()
DEPLOY = ROOT / "deploy"
DOMAINS = ["trading", "market_data", "ml_platform", "gen_ai", "user"]


def host(domain: str) -> str:
    return domain.replace("_", "-")


def load_all(path):
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]


@pytest.mark.parametrize("path", sorted(DEPLOY.rglob("*.y*ml")), ids=lambda p: str(p.relative_to(DEPLOY)))
def test_every_yaml_file_parses(path):
    assert load_all(path)


@pytest.mark.parametrize("domain", DOMAINS)
def test_service_unit_entry_point_port_and_image_hold_only_its_domain(domain):
    unit = ROOT / "services" / domain
    main = (unit / "main.py").read_text()
    assert f'main("quant_{domain}.app:create_app", default_port={DEFAULT_PORTS[domain]})' in main
    dockerfile = (unit / "Dockerfile").read_text()
    copied = re.findall(r"^COPY (\S+)", dockerfile, re.M)
    assert copied == ["shared", f"packages/{domain}", f"services/{domain}/main.py"]
    assert "HEALTHCHECK" in dockerfile and f"EXPOSE {DEFAULT_PORTS[domain]}" in dockerfile
    env = (unit / ".env.example").read_text()
    assert f"QUANT_SERVICE_PORT={DEFAULT_PORTS[domain]}" in env
    urls = json.loads(re.search(r"^QUANT_SERVICE_URLS=(.*)$", env, re.M).group(1))
    assert set(urls) == set(DOMAINS) - {domain}


@pytest.mark.parametrize("domain", DOMAINS)
def test_pipeline_runs_only_on_changes_of_its_package_or_shared(domain):
    pipeline = yaml.safe_load((DEPLOY / "pipelines" / f"{host(domain)}.yml").read_text())
    triggers = pipeline[True]  # YAML 1.1 reads the key `on` as True
    for event in ("push", "pull_request"):
        paths = triggers[event]["paths"]
        assert f"packages/{domain}/**" in paths and "shared/**" in paths
        assert not [p for p in paths if p.startswith("packages/") and not p.startswith(f"packages/{domain}/")]
    assert list(pipeline["jobs"]) == ["test", "build", "release"]
    steps = json.dumps(pipeline["jobs"])
    assert f"isolated_domain_tests.sh {domain}" in steps and f"services/{domain}/Dockerfile" in steps


def test_compose_has_replica_set_broker_every_service_and_the_gateway():
    compose = yaml.safe_load((DEPLOY / "compose" / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"mongo1", "mongo2", "mongo3", "mongo-init", "nats", "gateway"} <= set(services)
    assert "--replSet" in services["mongo1"]["command"]
    for domain in DOMAINS:
        service = services[host(domain)]
        assert service["build"]["dockerfile"] == f"services/{domain}/Dockerfile"
        assert service["environment"]["QUANT_SERVICE_PORT"] == str(DEFAULT_PORTS[domain])
        assert "replicaSet=rs0" in service["environment"]["QUANT_MONGODB_URL"]


def test_kustomize_base_gives_each_service_deployment_service_probes_and_hpa():
    base = DEPLOY / "k8s" / "base"
    kustomization = yaml.safe_load((base / "kustomization.yaml").read_text())
    docs = [doc for name in kustomization["resources"] for doc in load_all(base / name)]
    by_kind: dict[str, dict[str, dict]] = {}
    for doc in docs:
        by_kind.setdefault(doc["kind"], {})[doc["metadata"]["name"]] = doc
    for name in [host(d) for d in DOMAINS] + ["gateway"]:
        container = by_kind["Deployment"][name]["spec"]["template"]["spec"]["containers"][0]
        assert container["readinessProbe"] and container["livenessProbe"] and container["resources"]["limits"]
        assert by_kind["Service"][name]["spec"]["ports"][0]["targetPort"] == "http"
        assert by_kind["HorizontalPodAutoscaler"][name]["spec"]["scaleTargetRef"]["name"] == name
    rule = by_kind["Ingress"]["quant-platform"]["spec"]["rules"][0]
    assert rule["http"]["paths"][0]["backend"]["service"]["name"] == "gateway"
    for overlay in ("dev", "prod"):
        assert yaml.safe_load((DEPLOY / "k8s" / "overlays" / overlay / "kustomization.yaml").read_text())[
            "resources"
        ] == ["../../base"]


def test_gateway_routing_table_matches_the_installed_domains():
    table = json.loads((DEPLOY / "k8s" / "base" / "gateway-upstreams.json").read_text())
    urls = {d: f"http://{host(d)}:{DEFAULT_PORTS[d]}" for d in DOMAINS}
    expected = upstream_table(discover_domains(), urls)
    assert table == expected, (
        "regenerate: python -m quant_gateway routes --url trading=http://trading:8501 ..."
    )
    assert all(UpstreamConfig.model_validate(item) for item in table.values())
