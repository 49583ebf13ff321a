"""The operations guide lists every setting and every metric the code declares."""

from pathlib import Path

from prometheus_client import CollectorRegistry

from claimwatch.common.metrics import Metrics
from claimwatch.common.settings import ENV_PREFIX, Settings

GUIDE = (Path(__file__).resolve().parents[2] / "docs" / "operations.md").read_text()


def test_every_setting_is_documented_with_its_environment_name() -> None:
    missing = [name for name in Settings.model_fields if f"`{ENV_PREFIX}{name.upper()}`" not in GUIDE]
    assert missing == []


def test_every_metric_is_documented() -> None:
    names = {m.name for m in Metrics(CollectorRegistry()).registry.collect()}
    missing = sorted(n for n in names if f"claimwatch_{n.removeprefix('claimwatch_')}" not in GUIDE)
    assert missing == []
