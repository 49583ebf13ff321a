"""Prometheus scrapes every service; the Grafana dashboard shows only metrics claimwatch exports."""

from __future__ import annotations

import json
import re
from typing import Any

from prometheus_client import CollectorRegistry

from claimwatch.common.metrics import Metrics
from tests.deploy._files import DEPLOY, SERVICES, compose, load_yaml, read_env_file

PROMETHEUS_BUILTINS = {"up"}
GRAFANA_LABELS = {"le", "job", "instance"}
SELECTOR = re.compile(r"\b([a-zA-Z_:][a-zA-Z0-9_:]*)\s*[{\[]")
GROUPING = re.compile(r"\b(?:by|without)\s*\(([^)]*)\)")


def exported() -> dict[str, set[str]]:
    """Every sample name the metrics module exposes, with the labels it carries."""
    metrics = Metrics(CollectorRegistry())
    names: dict[str, set[str]] = {}
    for collector in vars(metrics).values():
        describe = getattr(collector, "describe", None)
        if not callable(describe) or isinstance(collector, CollectorRegistry):
            continue
        labels = set(getattr(collector, "_labelnames", ()))
        for family in describe():
            suffixes = {
                "counter": ("_total",),
                "histogram": ("_bucket", "_sum", "_count"),
                "summary": ("_sum", "_count"),
            }.get(family.type, ("",))
            for suffix in suffixes:
                names[family.name + suffix] = labels | ({"le"} if suffix == "_bucket" else set())
    return names


def dashboard() -> dict[str, Any]:
    return json.loads((DEPLOY / "grafana/dashboards/claimwatch.json").read_text())


def expressions() -> list[str]:
    return [t["expr"] for p in dashboard()["panels"] for t in p.get("targets", [])]


def test_prometheus_scrapes_every_service_on_its_metrics_port() -> None:
    config = load_yaml(DEPLOY / "prometheus/prometheus.yml")
    env = read_env_file(DEPLOY / "compose/claimwatch.env")
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}

    for service in SERVICES:
        (discovery,) = jobs[service]["dns_sd_configs"]
        expected = env["CLAIMWATCH_API_PORT"] if service == "api" else env["CLAIMWATCH_METRICS_PORT"]
        assert discovery["names"] == [service] and str(discovery["port"]) == expected
        assert jobs[service].get("metrics_path", "/metrics") == "/metrics"
        assert service in compose()["services"]


def test_grafana_datasource_points_at_the_compose_prometheus() -> None:
    (source,) = load_yaml(DEPLOY / "grafana/provisioning/datasources/prometheus.yml")["datasources"]

    assert source["type"] == "prometheus" and source["url"] == "http://prometheus:9090"
    panel_sources = {p["datasource"]["uid"] for p in dashboard()["panels"] if "datasource" in p}
    assert panel_sources == {source["uid"]}


def test_grafana_loads_dashboards_from_the_mounted_folder() -> None:
    (provider,) = load_yaml(DEPLOY / "grafana/provisioning/dashboards/claimwatch.yml")["providers"]
    mounts = compose()["services"]["grafana"]["volumes"]

    assert f"./deploy/grafana/dashboards:{provider['options']['path']}:ro" in mounts


def test_dashboard_queries_only_metrics_and_labels_claimwatch_exports() -> None:
    names = exported()
    assert expressions()
    for expr in expressions():
        used = set(SELECTOR.findall(expr)) | set(re.findall(r"\bclaimwatch_\w+", expr))
        assert used, expr
        for metric in used - PROMETHEUS_BUILTINS:
            assert metric in names, f"{metric} is not exported by claimwatch.common.metrics"
            for group in GROUPING.findall(expr):
                labels = {label.strip() for label in group.split(",") if label.strip()}
                assert labels <= names[metric] | GRAFANA_LABELS, f"{expr}: {labels}"


def test_dashboard_shows_the_pipeline_from_feeds_to_deliveries() -> None:
    text = " ".join(expressions())

    for metric in (
        "claimwatch_feeds_polled_total",
        "claimwatch_articles_discovered_total",
        "claimwatch_articles_extracted_total",
        "claimwatch_matches_total",
        "claimwatch_deliveries_total",
        "claimwatch_errors_total",
        "claimwatch_fetch_seconds_bucket",
        "claimwatch_extract_seconds_bucket",
        "claimwatch_delivery_seconds_bucket",
        "claimwatch_discovery_to_delivery_seconds_bucket",
    ):
        assert metric in text, metric


def test_dashboard_panels_have_unique_ids_and_fit_the_grid() -> None:
    panels = dashboard()["panels"]
    ids = [p["id"] for p in panels]

    assert len(ids) == len(set(ids))
    assert all(p["gridPos"]["x"] + p["gridPos"]["w"] <= 24 for p in panels)
    assert dashboard()["uid"]
