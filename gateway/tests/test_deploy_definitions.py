"""The service units, the images, the pipelines and the gateway's routing table agree with the code."""

import json
import re

import pytest
import yaml

from quant_gateway.cluster.routes import upstream_table
from quant_gateway.cluster.runner import DEFAULT_PORTS
from quant_gateway.discovery import discover_domains
from quant_gateway.proxy.config import UpstreamConfig
from quant_shared.openapi.document import api_routes
from quant_user.app import create_app as create_user_app

from .deploy_definitions import (
    DEPLOY,
    DOMAINS,
    ROOT,
    SERVICES,
    WORKFLOWS,
    image_name,
    known_variables,
    workflow,
)


def host(domain: str) -> str:
    return domain.replace("_", "-")


def load_all(path):
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]


@pytest.mark.parametrize(
    "path",
    sorted([*DEPLOY.rglob("*.y*ml"), *WORKFLOWS.glob("*.yml")]),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_every_yaml_file_parses(path):
    assert load_all(path)


def test_one_image_pattern_from_the_lock_for_every_service():
    dockerfiles = [ROOT / "services" / "Dockerfile", ROOT / "gateway" / "Dockerfile"]
    workspace = [
        "shared",
        "gateway",
        *[f"packages/{p.parent.name}" for p in ROOT.glob("packages/*/pyproject.toml")],
    ]
    for path in dockerfiles:
        text = path.read_text()
        assert "COPY pyproject.toml uv.lock ./" in text, path
        for member in workspace:  # uv checks the lock against every member's pyproject.toml
            assert f"COPY {member}/pyproject.toml {member}/" in text, f"{path}: {member}"
        assert text.count("uv sync --locked --no-dev --no-editable") == 2, path
        assert re.search(r"^USER 10001$", text, re.M) and "HEALTHCHECK" in text, path
    assert "COPY packages/${DOMAIN} packages/${DOMAIN}" in dockerfiles[0].read_text()
    assert not list(ROOT.glob("services/*/Dockerfile")), "one Dockerfile: services/Dockerfile"


@pytest.mark.parametrize("domain", DOMAINS)
def test_service_unit_entry_point_port_and_env_example_agree_with_the_code(domain):
    unit = ROOT / "services" / domain
    main = (unit / "main.py").read_text()
    assert f'main("quant_{domain}.app:create_app", default_port={DEFAULT_PORTS[domain]})' in main
    env = dict(
        line.split("=", 1)
        for line in (unit / ".env.example").read_text().splitlines()
        if re.match(r"^\w+=", line)
    )
    assert not set(env) - known_variables(host(domain)), "variables no settings class reads"
    assert env["QUANT_SERVICE_PORT"] == str(DEFAULT_PORTS[domain]) and env["FORWARDED_ALLOW_IPS"] != "*"
    assert set(json.loads(env["QUANT_SERVICE_URLS"])) == set(DOMAINS) - {domain}
    jwks = re.search(r"QUANT_JWT_JWKS_URL=http://user:8505(\S+)", (unit / ".env.example").read_text()).group(
        1
    )
    user_paths = {route.path for route in api_routes(create_user_app())}
    assert jwks in user_paths, f"{jwks} is not a route of the user service"
    assert (
        f"--build-arg DOMAIN={domain} --build-arg PORT={DEFAULT_PORTS[domain]}"
        in (unit / "README.md").read_text()
    )


@pytest.mark.parametrize("service", SERVICES + ["gateway"])
def test_pipeline_calls_the_shared_workflow_on_changes_of_its_domain_or_shared(service):
    caller = workflow(service)
    triggers = caller[True]  # YAML 1.1 reads the key `on` as True
    domain = service.replace("-", "_")
    for event in ("push", "pull_request"):
        paths = triggers[event]["paths"]
        assert "shared/**" in paths and "uv.lock" in paths
        if service != "gateway":
            assert f"packages/{domain}/**" in paths
            assert not [
                p for p in paths if p.startswith("packages/") and not p.startswith(f"packages/{domain}/")
            ]
    [job] = caller["jobs"].values()
    assert job["uses"] == "./.github/workflows/service.yml"
    assert job["with"]["service"] == service
    if service != "gateway":
        assert job["with"]["domain"] == domain and job["with"]["port"] == str(DEFAULT_PORTS[domain])


def test_shared_workflow_tests_builds_pushes_and_deploys_the_images_the_overlays_name():
    shared = workflow("service")
    assert list(shared["jobs"]) == ["test", "build", "push", "deploy"]
    assert shared["env"]["IMAGE"].replace("${{ inputs.service }}", "trading") == image_name("trading")
    steps = json.dumps(shared["jobs"])
    assert "deploy/ci/isolated_domain_tests.sh ${{ inputs.domain }}" in steps
    assert "services/Dockerfile" in steps and "gateway/Dockerfile" in steps
    assert 'docker push \\"$IMAGE:main\\"' in steps and 'docker push \\"$IMAGE:$GITHUB_SHA\\"' in steps
    assert 'kustomize edit set image \\"quant-$SERVICE=$IMAGE:$GITHUB_SHA\\"' in steps
    assert "app.kubernetes.io/component in ($SERVICE,platform)" in steps
    assert shared["jobs"]["deploy"]["strategy"]["matrix"]["environment"] == ["dev", "prod"]


def test_gateway_routing_table_matches_the_installed_domains():
    table = json.loads((DEPLOY / "k8s" / "base" / "gateway-upstreams.json").read_text())
    urls = {d: f"http://{host(d)}:{DEFAULT_PORTS[d]}" for d in DOMAINS}
    expected = upstream_table(discover_domains(), urls)
    assert table == expected, (
        "regenerate: python -m quant_gateway routes --url trading=http://trading:8501 ..."
    )
    assert all(UpstreamConfig.model_validate(item) for item in table.values())
