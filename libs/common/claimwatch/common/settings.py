"""Settings: environment variables prefixed CLAIMWATCH_, or a YAML/TOML config file.

Built once, by a service's composition root (`load_settings`), never at import.
An invalid value raises SettingsError naming the field; the CLI prints that one
line and exits 2.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "CLAIMWATCH_"
CONFIG_FILE_ENV = "CLAIMWATCH_CONFIG"


class SettingsError(ValueError):
    """A setting has an invalid value; the message names the field."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", frozen=True)

    # Where things live.
    data_dir: Path = Path("./data")
    database_url: str = ""  # empty: sqlite:///<data_dir>/claimwatch.db
    bus_url: str = "memory://"  # memory:// (embedded) or kafka://host:port[,host:port]
    kafka_idempotence: bool = True  # off against brokers that refuse InitProducerId (tansu)
    kafka_client_id: str = "claimwatch"
    kafka_send_timeout_s: float = Field(10.0, gt=0)
    kafka_connect_timeout_s: float = Field(30.0, gt=0)  # keep retrying an unreachable broker at start
    kafka_session_timeout_ms: int = Field(10_000, ge=1000)  # a silent consumer leaves its group after this
    kafka_replication_factor: int = Field(1, ge=1)  # for topics the bus creates
    bus_partitions: int = Field(4, ge=1)  # per topic: Kafka topics the bus creates, and the memory bus
    bus_memory_capacity: int = Field(10_000, ge=1)  # memory bus: unconsumed messages per partition
    bus_retry_attempts: int = Field(10, ge=0)  # handler attempts before dead-lettering; 0: retry forever
    bus_retry_backoff_s: float = Field(0.5, gt=0)  # first retry delay, doubled each attempt
    bus_retry_backoff_max_s: float = Field(30.0, gt=0)
    bus_dead_letter_max_consecutive: int = Field(0, ge=0)  # stop a consumer past this many in a row; 0: off

    # API.
    api_host: str = "127.0.0.1"
    api_port: int = Field(8080, ge=0, le=65535)
    api_token: SecretStr | None = None  # write scope; generated and written to data_dir if unset
    api_read_token: SecretStr | None = None  # read-only scope
    metrics_port: int = Field(9100, ge=0, le=65535)  # per-service /healthz and /metrics in Kafka mode

    # Watching.
    watchlist_file: Path | None = None
    feeds: list[str] = Field(default_factory=list)  # feed URLs to add at start

    # Fetching (shared by the poller and the extractor).
    user_agent: str = "claimwatch/0.1 (+https://github.com/claimwatch/claimwatch)"
    fetch_timeout_s: float = Field(30.0, gt=0)  # total deadline per request
    fetch_connect_timeout_s: float = Field(10.0, gt=0)
    fetch_read_timeout_s: float = Field(15.0, gt=0)  # between two reads
    fetch_max_bytes: int = Field(15 * 1024 * 1024, gt=0)
    fetch_max_redirects: int = Field(5, ge=0, le=20)
    allow_networks: list[str] = Field(default_factory=list)  # CIDRs opened despite the SSRF guard

    # Polling.
    poll_interval_s: float = Field(900.0, gt=0)
    poll_concurrency: int = Field(64, gt=0)
    poll_per_host_concurrency: int = Field(2, gt=0)
    poll_per_host_delay_s: float = Field(0.0, ge=0)
    poll_min_interval_s: float = Field(300.0, gt=0)  # adaptive interval bounds
    poll_max_interval_s: float = Field(86_400.0, gt=0)
    poll_adaptive: bool = True  # follow each feed's own posting rhythm within those bounds
    poll_jitter: float = Field(0.1, ge=0, le=0.5)  # ± fraction of the interval
    poll_backoff_max_s: float = Field(21_600.0, gt=0)  # cap of the exponential backoff after failures
    poll_retry_after_max_s: float = Field(86_400.0, gt=0)  # cap on a server's Retry-After
    poll_lease_s: float = Field(300.0, gt=0)  # a replica's claim on a due feed
    poll_batch_size: int = Field(128, gt=0)  # due feeds leased at a time
    poll_tick_s: float = Field(5.0, gt=0)  # how often the loop looks for due feeds
    # Feeds over 256 KiB are parsed in killable worker processes (0: a thread, which cannot be
    # stopped), each under this time limit (waiting for a free worker included) and within what
    # the fetch left of fetch_timeout_s, so one feed's poll never outlasts the lease rule below.
    poll_parse_workers: int = Field(1, ge=0)
    poll_parse_timeout_s: float = Field(10.0, gt=0)
    # A feed whose newest entry is older than factor × its usual gap between entries (and at least
    # feed_silence_min_s) is flagged silent; 0 turns the check off.
    feed_silence_factor: float = Field(4.0, ge=0)
    feed_silence_min_s: float = Field(86_400.0, ge=0)  # so a normal quiet night is not a silence

    # Extraction.
    extract_workers: int = Field(2, ge=0)  # 0: extract in a thread of this process
    extract_timeout_s: float = Field(30.0, gt=0)
    extract_max_pages_per_worker: int = Field(200, ge=1)  # then the worker process is replaced
    extract_worker_memory_mb: int = Field(1024, ge=0)  # address-space cap per worker; 0: none

    # Alerting.
    slack_webhook_url: SecretStr | None = None  # default channel when no subscription exists
    smtp_host: str = ""
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_username: str = ""
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_use_tls: bool = False
    email_from: str = "claimwatch@localhost"
    email_to: list[str] = Field(default_factory=list)  # default recipients when no subscription exists
    public_url: str = "http://127.0.0.1:8080"  # links in alerts point here
    alert_max_attempts: int = Field(10, ge=1)  # sends (and deferrals) before a delivery goes dead
    alert_backoff_base_s: float = Field(5.0, gt=0)  # first retry delay; doubles per attempt
    alert_backoff_cap_s: float = Field(1800.0, gt=0)
    alert_burst_max: int = Field(5, ge=1)  # more alerts than this per subscription per window: digest
    alert_burst_window_s: float = Field(600.0, gt=0)
    alert_send_timeout_s: float = Field(10.0, gt=0)  # whole Slack request deadline
    smtp_timeout_s: float = Field(30.0, gt=0)
    # A delivery `sending` for longer than this was left by a stopped alerter and is sent again. Keep it
    # above the send timeouts, or a slow live send could be repeated by another replica.
    alert_stale_after_s: float = Field(120.0, gt=0)

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"

    @field_validator("allow_networks")
    @classmethod
    def _networks_parse(cls, value: list[str]) -> list[str]:
        for net in value:
            ipaddress.ip_network(net, strict=False)
        return value

    @field_validator("bus_url")
    @classmethod
    def _bus_scheme(cls, value: str) -> str:
        if not (value.startswith("memory://") or value.startswith("kafka://")):
            raise ValueError("must start with memory:// or kafka://")
        return value

    @model_validator(mode="after")
    def _lease_outlasts_the_queue(self) -> Settings:
        # A leased feed waits behind the rest of its batch before its fetch ends; if its lease ran out
        # meanwhile, another replica could poll it too. Refuse settings where that can happen.
        # The poller keeps up to two batches in hand: the one being fetched and the next one queued.
        worst_s = (2 * self.poll_batch_size / self.poll_concurrency + 1) * self.fetch_timeout_s
        if self.poll_lease_s <= worst_s:
            raise ValueError(
                "CLAIMWATCH_POLL_LEASE_S must exceed (2 × POLL_BATCH_SIZE / POLL_CONCURRENCY + 1)"
                f" × FETCH_TIMEOUT_S = {worst_s:g} s, or a feed could be polled twice"
            )
        return self

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'claimwatch.db'}"

    @property
    def kafka_bootstrap(self) -> str:
        return self.bus_url.removeprefix("kafka://")


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text()
    except OSError as exc:
        raise SettingsError(f"config file {path}: {exc.strerror}") from exc
    try:
        data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise SettingsError(f"config file {path}: not valid: {exc}".splitlines()[0]) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SettingsError(f"config file {path}: expected a mapping of setting names")
    return data


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Settings from (lowest first) defaults, config file, environment, overrides."""
    path = config_file or (Path(os.environ[CONFIG_FILE_ENV]) if os.environ.get(CONFIG_FILE_ENV) else None)
    file_values = _read_config_file(path) if path else {}
    env_names = {k.removeprefix(ENV_PREFIX).lower() for k in os.environ if k.startswith(ENV_PREFIX)}
    # Environment wins over the file: drop file values the environment sets.
    merged = {k: v for k, v in file_values.items() if k not in env_names}
    merged.update(overrides)
    try:
        return Settings(**merged)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err.get("loc", ()))
        if not field:  # a rule across several settings: its message names them
            raise SettingsError(f"invalid settings: {err.get('msg')}") from None
        raise SettingsError(f"invalid setting {ENV_PREFIX}{field.upper()}: {err.get('msg')}") from None
