"""Loading the deployment files, and what they may refer to in the code."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import typer
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
SERVICES = ("poller", "extractor", "alerter", "api")
# Setting names whose values are secret: they must never appear as literals.
SECRET_SETTINGS = ("DATABASE_URL", "API_TOKEN", "API_READ_TOKEN", "SLACK_WEBHOOK_URL", "SMTP_PASSWORD")
SECRET_WORDS = ("PASSWORD", "TOKEN", "SECRET", "WEBHOOK")


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


def load_yaml_all(path: Path) -> list[Any]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]


def compose() -> dict[str, Any]:
    data = load_yaml(ROOT / "docker-compose.yml")
    assert isinstance(data, dict)
    return data


def k8s_documents() -> list[tuple[Path, dict[str, Any]]]:
    docs: list[tuple[Path, dict[str, Any]]] = []
    for path in sorted(K8S.rglob("*.yaml")):
        docs.extend((path, doc) for doc in load_yaml_all(path))
    return docs


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


@cache
def cli_commands() -> frozenset[tuple[str, ...]]:
    """Every command path of the `claimwatch` console script, e.g. ("db", "upgrade")."""
    from claimwatch.cli.app import app

    found: set[tuple[str, ...]] = set()

    def walk(command: Any, prefix: tuple[str, ...]) -> None:
        found.add(prefix)
        for name, sub in (getattr(command, "commands", None) or {}).items():
            walk(sub, (*prefix, name))

    walk(typer.main.get_command(app), ())
    return frozenset(found)


def is_cli_command(args: list[str]) -> bool:
    words = tuple(a for a in args if not a.startswith("-"))
    return bool(words) and words in cli_commands() and not _is_group(words)


def _is_group(words: tuple[str, ...]) -> bool:
    return any(len(other) > len(words) and other[: len(words)] == words for other in cli_commands())
