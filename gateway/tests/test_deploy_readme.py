"""The commands of deploy/README.md match what the rendered overlays and the compose file expect: the
namespace, the Secrets and their keys, the broker and database the installs create, every Deployment
waited for, and the image builds."""

import re

from .deploy_definitions import (
    ROOT,
    compose,
    image_name,
    objects,
    options,
    port_of,
    readme_commands,
    readme_secrets,
    render,
)

OVERLAY = "prod"  # the README installs production; dev differs in its namespace only


def namespace() -> str:
    return render(OVERLAY)[0]["metadata"]["namespace"]


def commands() -> list[list[str]]:
    return readme_commands()


def test_the_secrets_created_hold_every_key_the_manifests_read():
    secrets = readme_secrets()
    created = [c for c in commands() if c[:1] == ["kubectl"] and c[3:5] == ["create", "secret"]]
    assert {c[2] for c in created} == {namespace()} and len(created) == len(secrets)
    for name, deployment in objects(OVERLAY, "Deployment").items():
        pod = deployment["spec"]["template"]["spec"]
        for volume in pod.get("volumes", []):
            if "secret" in volume:
                keys = {item["key"] for item in volume["secret"].get("items", [])}
                assert keys <= secrets[volume["secret"]["secretName"]], f"{name}: {volume}"
        for source in pod["containers"][0]["envFrom"]:
            if "secretRef" in source:
                assert "QUANT_MONGODB_URL" in secrets[source["secretRef"]["name"]], name
    for tls in objects(OVERLAY, "Ingress")["quant-platform"]["spec"]["tls"]:
        assert secrets[tls["secretName"]] == {"tls.crt", "tls.key"}


def test_broker_and_database_installs_are_where_the_platform_and_keda_look():
    installs = {c[2]: c for c in commands() if c[:2] == ["helm", "install"]}
    assert set(installs) == {"keda", "nats", "mongodb"}
    assert options(installs["keda"], "namespace") == ["keda"]  # the broker's NetworkPolicy admits it
    broker = objects(OVERLAY, "NetworkPolicy")["broker"]["spec"]["ingress"][2]["from"][0]
    assert broker["namespaceSelector"]["matchLabels"] == {"kubernetes.io/metadata.name": "keda"}
    nats = options(installs["nats"], "set")
    assert {"config.jetstream.enabled=true", "config.cluster.enabled=true"} <= set(nats)
    assert (
        options(installs["nats"], "namespace") == options(installs["mongodb"], "namespace") == [namespace()]
    )
    env = objects(OVERLAY, "ConfigMap")
    services_env = next(v["data"] for k, v in env.items() if k.startswith("quant-services-env"))
    assert (
        services_env["QUANT_EVENTS_NATS_URL"] == services_env["QUANT_WORKERS_NATS_URL"] == "nats://nats:4222"
    )
    for scaled in objects(OVERLAY, "ScaledObject").values():
        endpoint = scaled["spec"]["triggers"][0]["metadata"]["natsServerMonitoringEndpoint"]
        assert endpoint == f"nats-headless.{namespace()}.svc.cluster.local:8222"  # the chart's names
    mongo = options(installs["mongodb"], "set")
    assert "architecture=replicaset" in mongo and "replicaSetName=rs0" in mongo
    url = next(
        v for c in commands() for v in options(c, "from-literal") if v.startswith("QUANT_MONGODB_URL=")
    )
    hosts = re.search(r"@([^/]+)/\?replicaSet=rs0", url).group(1).split(",")
    assert hosts == [f"mongodb-{i}.mongodb-headless:27017" for i in range(3)]


def test_the_overlay_is_applied_and_every_deployment_waited_for():
    applied = [c for c in commands() if c[:2] == ["kubectl", "apply"]]
    assert applied == [["kubectl", "apply", "-k", f"deploy/k8s/overlays/{OVERLAY}"]]
    order = [" ".join(c[:3]) for c in commands()]  # the namespace, KEDA's CRDs and the Secrets come first
    first = order.index("kubectl apply -k")
    assert order.index("kubectl create namespace") < first and order.index("helm install keda") < first
    assert ["kubectl", "create", "namespace", namespace()] in commands()
    assert all(i < first for i, c in enumerate(commands()) if c[3:5] == ["create", "secret"])
    assert (ROOT / applied[0][3] / "kustomization.yaml").is_file()
    waited = {
        arg.removeprefix("deployment/")
        for c in commands()
        if c[:4] == ["kubectl", "-n", namespace(), "rollout"]
        for arg in c
        if arg.startswith("deployment/")
    }
    assert waited == set(objects(OVERLAY, "Deployment"))


def test_image_builds_are_the_images_the_overlays_and_compose_run():
    builds = {c[c.index("-t") + 1]: c for c in commands() if c[:2] == ["docker", "build"]}
    built = [
        name for name, s in compose()["services"].items() if "build" in s and not name.endswith("-worker")
    ]
    expected = {f"{image_name(name)}:main" for name in built}
    assert set(builds) == expected
    for tag, command in builds.items():
        service = tag.rsplit("/quant-", 1)[1].removesuffix(":main")
        if service == "gateway":
            assert options(command, "file", "f") == ["gateway/Dockerfile"]
            continue
        args = dict(arg.split("=") for arg in options(command, "build-arg"))
        assert args == compose()["services"][service]["build"]["args"]
        assert args["PORT"] == str(port_of(service))
    compose_file = [c for c in commands() if c[:2] == ["docker", "compose"]]
    assert compose_file and all(c[3] == "deploy/compose/docker-compose.yml" for c in compose_file)
