"""promtool's own checks, where promtool is installed (the structural tests run everywhere)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.deploy._files import DEPLOY
from tests.deploy.test_monitoring import expressions

PROMTOOL = shutil.which("promtool")
pytestmark = pytest.mark.skipif(PROMTOOL is None, reason="promtool is not installed")


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    assert PROMTOOL is not None
    return subprocess.run([PROMTOOL, *args], capture_output=True, text=True, timeout=60, check=False)


def test_prometheus_config_passes_promtool() -> None:
    result = promtool("check", "config", str(DEPLOY / "prometheus/prometheus.yml"))

    assert result.returncode == 0, result.stdout + result.stderr


def test_dashboard_queries_are_valid_promql(tmp_path: Path) -> None:
    # Recording rules make promtool parse each query; Grafana's range variable becomes a literal.
    rules = [
        {"record": f"claimwatch:dashboard_query:{n}", "expr": expr.replace("$__rate_interval", "5m")}
        for n, expr in enumerate(expressions())
    ]
    path = tmp_path / "rules.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}))

    result = promtool("check", "rules", str(path))

    assert result.returncode == 0, result.stdout + result.stderr
