"""Settings: environment over file over defaults; one clear line for a bad value."""

from pathlib import Path

import pytest

from claimwatch.common.settings import SettingsError, load_settings


def test_the_environment_wins_over_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "claimwatch.yaml"
    config.write_text("api_port: 9000\nlog_level: DEBUG\n")
    monkeypatch.setenv("CLAIMWATCH_API_PORT", "9001")
    settings = load_settings(config)
    assert (settings.api_port, settings.log_level) == (9001, "DEBUG")


def test_a_toml_config_file_is_read(tmp_path: Path) -> None:
    config = tmp_path / "claimwatch.toml"
    config.write_text('bus_url = "kafka://127.0.0.1:9092"\n')
    assert load_settings(config).kafka_bootstrap == "127.0.0.1:9092"


def test_a_bad_value_names_the_setting() -> None:
    with pytest.raises(SettingsError, match="CLAIMWATCH_BUS_URL"):
        load_settings(bus_url="redis://x")
    with pytest.raises(SettingsError, match="CLAIMWATCH_ALLOW_NETWORKS"):
        load_settings(allow_networks=["not-a-network"])


def test_an_unknown_setting_in_the_file_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("api_prot: 1\n")
    with pytest.raises(SettingsError, match="API_PROT"):
        load_settings(config)


def test_a_missing_or_broken_config_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"nope\.yaml"):
        load_settings(tmp_path / "nope.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [")
    with pytest.raises(SettingsError, match="not valid"):
        load_settings(broken)


def test_a_lease_shorter_than_a_batch_can_take_is_refused() -> None:
    with pytest.raises(SettingsError, match="CLAIMWATCH_POLL_LEASE_S must exceed"):
        load_settings(poll_lease_s=60, poll_batch_size=128, poll_concurrency=64, fetch_timeout_s=30)
    assert load_settings(poll_lease_s=200, poll_batch_size=128, poll_concurrency=64).poll_lease_s == 200
