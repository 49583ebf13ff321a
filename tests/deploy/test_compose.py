"""docker-compose.yml: the distributed shape, checked without a Docker engine."""

from __future__ import annotations

import re
from typing import Any

import pytest

from claimwatch.common.events import ALL_TOPICS
from claimwatch.common.settings import Settings
from tests.deploy._files import (
    ROOT,
    SECRET_SETTINGS,
    SECRET_WORDS,
    SERVICES,
    compose,
    is_cli_command,
    read_env_file,
)

INFRA = ("postgres", "kafka", "prometheus", "grafana")
REQUIRED_VAR = re.compile(r"^\$\{[A-Z0-9_]+:\?[^}]*\}$")


def services() -> dict[str, Any]:
    return compose()["services"]


def env_of(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.partition("=")[::2] for item in env)
    return {str(k): str(v) for k, v in env.items()}


def env_files_of(service: dict[str, Any]) -> list[dict[str, Any]]:
    files = service.get("env_file") or []
    files = [files] if isinstance(files, str | dict) else files
    return [{"path": f, "required": True} if isinstance(f, str) else f for f in files]


def one_shot(service: dict[str, Any]) -> bool:
    return service.get("restart") == "no"


def test_compose_runs_the_four_services_the_infrastructure_and_a_migration() -> None:
    assert set(SERVICES) | set(INFRA) | {"migrate"} <= set(services())


@pytest.mark.parametrize("name", [*SERVICES, "migrate"])
def test_claimwatch_services_run_real_cli_commands_from_the_built_image(name: str) -> None:
    service = services()[name]

    assert is_cli_command(service["command"]), service["command"]
    assert (ROOT / service["build"]["context"] / service["build"]["dockerfile"]).is_file()


def test_migration_runs_db_upgrade_before_every_service_starts() -> None:
    assert services()["migrate"]["command"] == ["db", "upgrade"]
    for name in SERVICES:
        depends = services()[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
        assert depends["kafka"]["condition"] == "service_healthy", name
        assert depends["postgres"]["condition"] == "service_healthy", name


def test_every_service_has_an_image_or_a_build_and_dependencies_that_exist() -> None:
    for name, service in services().items():
        assert service.get("image") or service.get("build"), name
        for target, rule in (service.get("depends_on") or {}).items():
            assert target in services(), f"{name} depends on unknown {target}"
            if rule["condition"] == "service_completed_successfully":
                assert one_shot(services()[target]), f"{target} is awaited to finish but restarts"


def test_every_long_running_service_has_a_health_check() -> None:
    for name, service in services().items():
        if one_shot(service):
            continue
        check = service.get("healthcheck") or {}
        assert check.get("test") and not check.get("disable"), name


def test_claimwatch_health_checks_probe_healthz_on_the_service_port() -> None:
    ports = read_env_file(ROOT / "deploy/compose/claimwatch.env")
    for name in SERVICES:
        probe = " ".join(services()[name]["healthcheck"]["test"])
        port = ports["CLAIMWATCH_API_PORT"] if name == "api" else ports["CLAIMWATCH_METRICS_PORT"]
        assert f"127.0.0.1:{port}/healthz" in probe, name


def test_extractor_runs_two_replicas_to_share_a_consumer_group() -> None:
    assert services()["extractor"]["deploy"]["replicas"] >= 2


def test_services_talk_to_real_kafka_with_idempotent_producers_and_to_postgresql() -> None:
    env = read_env_file(ROOT / "deploy/compose/claimwatch.env")
    database_url = env_of(services()["poller"])["CLAIMWATCH_DATABASE_URL"]

    assert env["CLAIMWATCH_BUS_URL"] == "kafka://kafka:9092"
    assert env["CLAIMWATCH_KAFKA_IDEMPOTENCE"] == "true"
    assert database_url.startswith("postgresql+psycopg://") and "@postgres:5432/" in database_url
    assert services()["postgres"]["image"].startswith("postgres:16")
    assert services()["kafka"]["image"].startswith("apache/kafka:")
    assert "broker,controller" in services()["kafka"]["environment"]["KAFKA_PROCESS_ROLES"]


def test_kafka_topics_cover_every_topic_of_the_event_schema() -> None:
    script = "\n".join(services()["kafka-topics"]["command"])

    for topic in ALL_TOPICS:
        assert re.search(rf"\b{re.escape(topic)}\b", script), topic


def test_every_claimwatch_variable_is_a_real_setting() -> None:
    names: set[str] = set()
    for service in services().values():
        names |= set(env_of(service))
        for env_file in env_files_of(service):
            example = ROOT / f"{env_file['path']}.example"
            path = ROOT / env_file["path"]
            names |= set(read_env_file(path if path.exists() else example))
    example_text = (ROOT / "deploy/compose/secrets.env.example").read_text()
    names |= set(re.findall(r"^#\s*(CLAIMWATCH_[A-Z0-9_]+)=", example_text, re.MULTILINE))

    settings = {f"CLAIMWATCH_{field.upper()}" for field in Settings.model_fields}
    unknown = {n for n in names if n.startswith("CLAIMWATCH_") and n not in settings}

    assert not unknown


def test_required_env_files_exist_and_optional_ones_have_an_example() -> None:
    for service in services().values():
        for env_file in env_files_of(service):
            if env_file.get("required", True):
                assert (ROOT / env_file["path"]).is_file(), env_file
            else:
                assert (ROOT / f"{env_file['path']}.example").is_file(), env_file


def test_no_secret_is_written_in_the_compose_file_or_its_env_files() -> None:
    for name, service in services().items():
        for key, value in env_of(service).items():
            if (
                any(word in key for word in SECRET_WORDS)
                or key.removeprefix("CLAIMWATCH_") in SECRET_SETTINGS
            ):
                # Only interpolations of required variables, e.g. ${POSTGRES_PASSWORD:?...}.
                assert re.search(r"\$\{[A-Z0-9_]+:\?[^}]*\}", value), f"{name}: {key} is written in the file"
    shared = read_env_file(ROOT / "deploy/compose/claimwatch.env")
    assert not [k for k in shared if any(word in k for word in SECRET_WORDS)]
    example = read_env_file(ROOT / "deploy/compose/secrets.env.example")
    assert example == {}, "the secrets example must keep every line commented out"


def test_database_password_comes_from_a_required_variable() -> None:
    password = services()["postgres"]["environment"]["POSTGRES_PASSWORD"]

    assert REQUIRED_VAR.match(password)
    assert "${POSTGRES_PASSWORD:?" in env_of(services()["migrate"])["CLAIMWATCH_DATABASE_URL"]


def test_api_token_is_required_from_the_environment() -> None:
    assert REQUIRED_VAR.match(env_of(services()["api"])["CLAIMWATCH_API_TOKEN"])


def test_published_ports_listen_on_loopback_only() -> None:
    for name, service in services().items():
        for port in service.get("ports") or []:
            assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port} on every interface"


def test_mounted_configuration_exists_in_the_repository() -> None:
    for name, service in services().items():
        for volume in service.get("volumes") or []:
            source = str(volume).split(":", 1)[0]
            if source.startswith("."):
                assert (ROOT / source).exists(), f"{name} mounts missing {source}"


def test_prometheus_and_grafana_get_their_provisioning() -> None:
    prometheus = " ".join(services()["prometheus"]["volumes"])
    grafana = " ".join(services()["grafana"]["volumes"])

    assert "./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml" in prometheus
    assert "./deploy/grafana/provisioning:/etc/grafana/provisioning" in grafana
    assert "./deploy/grafana/dashboards:/etc/grafana/dashboards" in grafana
