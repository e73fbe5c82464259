"""What the deployment tests read: the rendered Kubernetes overlays, the compose file, the pipelines and,
from the code, the settings each service reads and the ports it listens on.

Rendering uses ``kubectl kustomize``, else ``kustomize build``: the one on PATH, else the one in
``.tools/bin`` which, when Go is installed, is built there once from the Go module proxy
(``go install sigs.k8s.io/kustomize/kustomize/v5@v5.5.0``). Without kubectl, kustomize and Go the tests
fail and name that command.
"""

import json
import os
import re
import shlex
import shutil
import subprocess
from functools import cache
from importlib import import_module

import pytest
import yaml
from pydantic import AliasChoices

from quant_gateway.cluster.runner import DEFAULT_PORTS
from quant_shared.embedded import project_root

ROOT = project_root()
DEPLOY = ROOT / "deploy"
WORKFLOWS = ROOT / ".github" / "workflows"
DOMAINS = ["trading", "market_data", "ml_platform", "gen_ai", "user"]
SERVICES = [d.replace("_", "-") for d in DOMAINS]
OVERLAYS = ["dev", "prod"]
GATEWAY_PORT = 8500
REGISTRY = "ghcr.io/quant-platform"
KUSTOMIZE_MODULE = "sigs.k8s.io/kustomize/kustomize/v5@v5.5.0"
TOOLS = ROOT / ".tools" / "bin"
# settings classes every service reads, then each domain's own (module:class)
COMMON_SETTINGS = [
    "quant_shared.settings:Settings",
    "quant_shared.service_settings:ServiceSettings",
    "quant_shared.events.settings:EventSettings",
    "quant_shared.workers.settings:WorkerSettings",
]
DOMAIN_SETTINGS = {
    "trading": ["quant_trading.settings:TradingSettings"],
    "market_data": ["quant_market_data.settings:MarketDataSettings"],
    "ml_platform": [],
    "gen_ai": ["quant_gen_ai.settings:GenAISettings"],
    "user": ["quant_user.settings:UserSettings"],
    "gateway": ["quant_gateway.proxy.config:ProxySettings"],
}
PROCESS_VARIABLES = {"FORWARDED_ALLOW_IPS"}  # read by uvicorn, not by a settings class


def domain_of(service: str) -> str:
    return service.removesuffix("-worker").replace("-", "_")


def port_of(service: str) -> int:
    return GATEWAY_PORT if service == "gateway" else DEFAULT_PORTS[domain_of(service)]


def settings_class(path: str):
    module, name = path.split(":")
    return getattr(import_module(module), name)


def env_names(cls) -> set[str]:
    """The environment variables a settings class reads (upper case)."""
    prefix = cls.model_config.get("env_prefix", "")
    names = set()
    for field, info in cls.model_fields.items():
        if isinstance(info.validation_alias, AliasChoices):
            names |= {str(choice).upper() for choice in info.validation_alias.choices}
        else:
            names.add(f"{prefix}{field}".upper())
    return names


def settings_classes(service: str) -> list:
    domain = "gateway" if service == "gateway" else domain_of(service)
    common = COMMON_SETTINGS[:1] if service == "gateway" else COMMON_SETTINGS
    return [settings_class(path) for path in common + DOMAIN_SETTINGS[domain]]


@cache
def known_variables(service: str) -> frozenset[str]:
    names = set(PROCESS_VARIABLES)
    for cls in settings_classes(service):
        names |= env_names(cls)
    return frozenset(names)


def validate_settings(service: str, env: dict[str, str], monkeypatch) -> None:
    """Every settings class of the service accepts the values (types, ranges, JSON) of ``env`` alone."""
    for name in [n for n in os.environ if n.startswith("QUANT_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for cls in settings_classes(service):
        cls(_env_file=None)


@cache
def kustomize() -> list[str]:
    """The command rendering a kustomization (its path appended)."""
    if shutil.which("kubectl"):
        return ["kubectl", "kustomize"]
    found = shutil.which("kustomize") or shutil.which("kustomize", path=str(TOOLS))
    if not found and shutil.which("go"):
        env = {**os.environ, "GOBIN": str(TOOLS)}
        subprocess.run(["go", "install", KUSTOMIZE_MODULE], env=env, capture_output=True, timeout=900)
        found = shutil.which("kustomize", path=str(TOOLS))
    if not found:
        pytest.fail(f"no kubectl, kustomize or Go: install kustomize (`go install {KUSTOMIZE_MODULE}`)")
    return [found, "build"]


@cache
def render(overlay: str) -> tuple[dict, ...]:
    command = [*kustomize(), str(DEPLOY / "k8s" / "overlays" / overlay)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stderr}"
    return tuple(doc for doc in yaml.safe_load_all(done.stdout) if doc)


def objects(overlay: str, kind: str) -> dict[str, dict]:
    return {o["metadata"]["name"]: o for o in render(overlay) if o["kind"] == kind}


def container_env(overlay: str, container: dict) -> dict[str, str]:
    """A container's environment: its ConfigMaps and Secrets (``envFrom``; a Secret's keys are those
    deploy/README.md creates it with), then its own ``env`` entries."""
    configmaps, secrets = objects(overlay, "ConfigMap"), readme_secrets()
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        if "secretRef" in source:
            name = source["secretRef"]["name"]
            env.update({key: f"<Secret {name}>" for key in secrets.get(name, ())})
        else:
            env.update(configmaps[source["configMapRef"]["name"]]["data"])
    env.update({item["name"]: item.get("value", "") for item in container.get("env", [])})
    return env


@cache
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose" / "docker-compose.yml").read_text())


def service_urls(env: dict[str, str]) -> dict[str, str]:
    return json.loads(env["QUANT_SERVICE_URLS"])


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / f"{name}.yml").read_text())


def image_name(service: str) -> str:
    return f"{REGISTRY}/quant-{service}"


def readme_commands() -> list[list[str]]:
    """The shell commands of deploy/README.md (bash blocks, continuation lines joined), as arguments."""
    blocks = re.findall(r"```bash\n(.*?)```", (DEPLOY / "README.md").read_text(), re.S)
    lines = "\n".join(blocks).replace("\\\n", " ").splitlines()
    return [shlex.split(line, comments=True) for line in lines if line.strip()]


def options(command: list[str], *names: str) -> list[str]:
    """Values of ``--name=value``, ``--name value`` (and ``-n value`` for a name ``n``) options."""
    flags = [f"--{n}" if len(n) > 1 else f"-{n}" for n in names]
    found = [arg.split("=", 1)[1] for arg in command for flag in flags if arg.startswith(f"{flag}=")]
    return found + [command[i + 1] for i, arg in enumerate(command[:-1]) if arg in flags]


@cache
def readme_secrets() -> dict[str, frozenset[str]]:
    """Secret name -> keys, from the README's ``kubectl create secret`` commands."""
    secrets = {}
    for command in readme_commands():
        if command[:1] == ["kubectl"] and command[3:5] == ["create", "secret"]:
            kind, name = command[5:7]
            keys = [value.split("=")[0] for value in options(command, "from-file", "from-literal")]
            secrets[name] = frozenset(keys + (["tls.crt", "tls.key"] if kind == "tls" else []))
    return secrets
