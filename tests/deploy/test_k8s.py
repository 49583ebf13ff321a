"""deploy/k8s: well-formed manifests for the four services and their migration."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from claimwatch.common.settings import Settings
from tests.deploy._files import (
    DEPLOY,
    K8S,
    ROOT,
    SECRET_SETTINGS,
    SERVICES,
    is_cli_command,
    k8s_documents,
    load_yaml,
)

NAMESPACE = "claimwatch"


def of_kind(kind: str) -> list[dict[str, Any]]:
    return [doc for _, doc in k8s_documents() if doc["kind"] == kind]


def deployments() -> dict[str, dict[str, Any]]:
    return {doc["spec"]["template"]["spec"]["containers"][0]["args"][0]: doc for doc in of_kind("Deployment")}


def pod_specs() -> list[tuple[str, dict[str, Any]]]:
    specs = [(d["metadata"]["name"], d["spec"]["template"]["spec"]) for d in of_kind("Deployment")]
    return specs + [(j["metadata"]["name"], j["spec"]["template"]["spec"]) for j in of_kind("Job")]


def containers() -> list[tuple[str, dict[str, Any]]]:
    return [
        (name, c) for name, spec in pod_specs() for c in spec.get("initContainers", []) + spec["containers"]
    ]


def test_every_manifest_has_api_version_kind_and_metadata() -> None:
    assert k8s_documents()
    for path, doc in k8s_documents():
        assert doc.get("apiVersion") and doc.get("kind"), path
        if doc["kind"] != "Kustomization":
            assert doc.get("metadata", {}).get("name"), path


def test_namespaced_resources_live_in_the_claimwatch_namespace() -> None:
    for path, doc in k8s_documents():
        if doc["kind"] not in ("Kustomization", "Namespace"):
            assert doc["metadata"].get("namespace") == NAMESPACE, path
    assert [ns["metadata"]["name"] for ns in of_kind("Namespace")] == [NAMESPACE]


def test_kustomization_applies_every_manifest_but_the_secret_template_and_optional_ones() -> None:
    kustomization = load_yaml(K8S / "kustomization.yaml")
    listed = set(kustomization["resources"])
    on_disk = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.example.yaml"}

    assert listed == on_disk


def test_each_service_has_one_deployment_running_its_cli_command() -> None:
    assert set(deployments()) == set(SERVICES)
    for _, container in containers():
        assert is_cli_command(container["args"]), container["args"]


def test_migration_job_runs_db_upgrade() -> None:
    jobs = of_kind("Job")

    assert [job["spec"]["template"]["spec"]["containers"][0]["args"] for job in jobs] == [["db", "upgrade"]]
    assert jobs[0]["spec"]["template"]["spec"]["restartPolicy"] in ("OnFailure", "Never")


@pytest.mark.parametrize("service", SERVICES)
def test_deployment_probes_healthz_on_a_declared_port(service: str) -> None:
    container = deployments()[service]["spec"]["template"]["spec"]["containers"][0]
    ports = {p["name"] for p in container["ports"]} | {p["containerPort"] for p in container["ports"]}

    for probe in ("readinessProbe", "livenessProbe"):
        check = container[probe]["httpGet"]
        assert check["path"] == "/healthz" and check["port"] in ports, probe


@pytest.mark.parametrize("service", SERVICES)
def test_deployment_is_scraped_on_the_port_serving_metrics(service: str) -> None:
    template = deployments()[service]["spec"]["template"]
    annotations = template["metadata"]["annotations"]
    ports = {p["containerPort"] for p in template["spec"]["containers"][0]["ports"]}

    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/path"] == "/metrics"
    assert int(annotations["prometheus.io/port"]) in ports
    assert int(annotations["prometheus.io/port"]) == (8080 if service == "api" else 9100)


def test_every_container_has_cpu_and_memory_requests_and_limits() -> None:
    for name, container in containers():
        for bound in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(container["resources"][bound]), f"{name} {bound}"


def test_pods_run_as_non_root_without_privilege_escalation() -> None:
    for name, spec in pod_specs():
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["runAsUser"] != 0, name
    for name, container in containers():
        context = container["securityContext"]
        assert context["allowPrivilegeEscalation"] is False, name
        assert context["capabilities"]["drop"] == ["ALL"], name


def test_deployment_selectors_match_their_pod_labels() -> None:
    for deployment in of_kind("Deployment"):
        selector = deployment["spec"]["selector"]["matchLabels"]
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert selector.items() <= labels.items(), deployment["metadata"]["name"]


def test_api_service_selects_the_api_pods_and_a_named_port() -> None:
    (service,) = [s for s in of_kind("Service") if s["spec"].get("type") != "ExternalName"]
    api = deployments()["api"]["spec"]["template"]
    port_names = {p["name"] for p in api["spec"]["containers"][0]["ports"]}

    assert service["spec"]["selector"].items() <= api["metadata"]["labels"].items()
    assert {p["targetPort"] for p in service["spec"]["ports"]} <= port_names


def test_kafka_and_postgresql_are_external_services_named_in_the_settings() -> None:
    external = {s["metadata"]["name"] for s in of_kind("Service") if s["spec"].get("type") == "ExternalName"}
    (config,) = of_kind("ConfigMap")

    assert external == {"kafka", "postgres"}
    assert config["data"]["CLAIMWATCH_BUS_URL"] == "kafka://kafka:9092"
    assert config["data"]["CLAIMWATCH_KAFKA_IDEMPOTENCE"] == "true"


def test_config_map_holds_only_real_settings_and_no_secrets() -> None:
    (config,) = of_kind("ConfigMap")

    for key in config["data"]:
        setting = key.removeprefix("CLAIMWATCH_")
        assert key.startswith("CLAIMWATCH_") and setting.lower() in Settings.model_fields, key
        assert setting not in SECRET_SETTINGS, key


def test_secrets_come_from_the_secret_keys_of_the_template() -> None:
    (template,) = of_kind("Secret")
    keys = set(template["stringData"])
    config_maps = {c["metadata"]["name"] for c in of_kind("ConfigMap")}

    for name, container in containers():
        for var in container.get("env", []):
            ref = var["valueFrom"]["secretKeyRef"]  # no plain values: settings come from the ConfigMap
            assert ref["name"] == template["metadata"]["name"] and ref["key"] in keys, name
            assert var["name"] == ref["key"]
        for source in container.get("envFrom", []):
            assert source["configMapRef"]["name"] in config_maps, name


def test_secret_template_holds_placeholders_only() -> None:
    (template,) = of_kind("Secret")

    assert all(re.fullmatch(r"[^<>]*<[^<>]+>[^<>]*", value) for value in template["stringData"].values())
    assert {k.removeprefix("CLAIMWATCH_") for k in template["stringData"]} <= set(SECRET_SETTINGS)


def test_only_the_alerter_sees_channel_secrets_and_only_the_api_sees_its_token() -> None:
    seen = {
        service: {v["name"] for v in d["spec"]["template"]["spec"]["containers"][0].get("env", [])}
        for service, d in deployments().items()
    }

    assert {s for s, names in seen.items() if "CLAIMWATCH_SLACK_WEBHOOK_URL" in names} == {"alerter"}
    assert {s for s, names in seen.items() if "CLAIMWATCH_API_TOKEN" in names} == {"api"}
    assert all("CLAIMWATCH_DATABASE_URL" in names for names in seen.values())


def deploy_texts() -> list[tuple[Path, str]]:
    paths = [ROOT / "docker-compose.yml", *(p for p in DEPLOY.rglob("*") if p.is_file())]
    return [(p, p.read_text()) for p in paths]


def test_no_credentials_are_written_in_any_deployment_file() -> None:
    patterns = [
        re.compile(r"hooks\.slack\.com/services/T[A-Z0-9]{8,}/B[A-Z0-9]{8,}/[A-Za-z0-9]{20,}"),
        re.compile(r"postgres(?:ql)?(?:\+\w+)?://[^:\s]+:(?!\$\{|<|PASSWORD@)[^@\s]+@"),
        re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    ]
    for path, text in deploy_texts():
        for pattern in patterns:
            assert not pattern.search(text), f"{path.relative_to(ROOT)}: {pattern.pattern}"
