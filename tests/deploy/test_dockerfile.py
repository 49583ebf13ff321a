"""The image: python:3.11-slim, the package installed, a non-root user, `claimwatch` as entrypoint."""

from __future__ import annotations

import fnmatch
import json
import tomllib

from tests.deploy._files import ROOT


def instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [
        (word.upper(), rest.strip())
        for word, _, rest in (line.partition(" ") for line in lines if line and not line.startswith("#"))
    ]


def final_stage() -> list[tuple[str, str]]:
    steps = instructions()
    last_from = max(i for i, (word, _) in enumerate(steps) if word == "FROM")
    return steps[last_from:]


def dockerignore() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_every_stage_builds_on_python_311_slim() -> None:
    images = [rest.split()[0] for word, rest in instructions() if word == "FROM"]

    assert images and all(image == "python:3.11-slim" for image in images)


def test_the_image_runs_as_a_non_root_user() -> None:
    users = [rest for word, rest in final_stage() if word == "USER"]

    assert users, "the final stage sets no USER"
    assert users[-1].split(":")[0] not in ("root", "0")


def test_entrypoint_is_the_claimwatch_console_script() -> None:
    (entrypoint,) = [json.loads(rest) for word, rest in final_stage() if word == "ENTRYPOINT"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]

    assert entrypoint == ["claimwatch"]
    assert "claimwatch" in scripts


def test_the_package_is_installed_from_the_copied_sources() -> None:
    runs = " ".join(rest for word, rest in instructions() if word == "RUN")

    assert "pip install ." in runs


def test_copied_sources_exist_and_are_not_ignored() -> None:
    ignored = dockerignore()
    copies = [rest.split() for word, rest in instructions() if word == "COPY" and "--from" not in rest]
    sources = [source for parts in copies for source in parts[:-1]]

    assert {"pyproject.toml", "README.md", "libs", "services", "cli"} <= set(sources)
    for source in sources:
        assert (ROOT / source).exists(), source
        assert not any(fnmatch.fnmatch(source, pattern) for pattern in ignored), source


def test_build_context_leaves_out_the_virtualenv_tests_and_git() -> None:
    assert {".venv", ".git", "tests"} <= set(dockerignore())
