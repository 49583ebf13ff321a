"""claimwatch services as real processes, for the distributed end-to-end tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from claimwatch.common.bus.kafka import KafkaBus
from claimwatch.common.bus.processing import RetryPolicy
from tests.fixtures.kafka import free_port

TOKEN = "e2e-write-token-0123456789"


class Service:
    def __init__(self, name: str, env: dict[str, str], log_dir: Path) -> None:
        self.name = name
        self.port = free_port()
        self.env = {**env, "CLAIMWATCH_METRICS_PORT": str(self.port)}
        if name == "api":
            self.env["CLAIMWATCH_API_PORT"] = str(self.port)
        self.log_path = log_dir / f"{name}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Service:
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "claimwatch.cli", self.name], env=self.env, stdout=log, stderr=log
        )
        wait_until(self.healthy, 60, f"{self.name} did not become healthy:\n{self.log()}")
        return self

    def healthy(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise AssertionError(f"{self.name} exited with {self.proc.returncode}:\n{self.log()}")
        try:
            return httpx.get(f"http://127.0.0.1:{self.port}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def kill(self) -> None:
        """kill -9: no cleanup, no commit, no goodbye."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""


def wait_until(condition: Callable[[], Any], timeout_s: float, message: str = "timed out") -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.2)


def service_env(*, bootstrap: str, database_url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}
    env.update(
        {
            "CLAIMWATCH_BUS_URL": f"kafka://{bootstrap}",
            "CLAIMWATCH_KAFKA_IDEMPOTENCE": "false",  # tansu refuses idempotent producers
            "CLAIMWATCH_KAFKA_SESSION_TIMEOUT_MS": "2000",
            "CLAIMWATCH_DATABASE_URL": database_url,
            "CLAIMWATCH_DATA_DIR": str(data_dir),
            "CLAIMWATCH_ALLOW_NETWORKS": '["127.0.0.0/8"]',
            "CLAIMWATCH_API_TOKEN": TOKEN,
            "CLAIMWATCH_POLL_TICK_S": "0.5",
            "CLAIMWATCH_EXTRACT_WORKERS": "1",
            "CLAIMWATCH_FETCH_TIMEOUT_S": "10",
        }
    )
    return env


@contextmanager
def running(services: list[Service]) -> Iterator[list[Service]]:
    try:
        yield services
    finally:
        for service in reversed(services):
            service.stop()


def api_client(api: Service) -> httpx.Client:
    return httpx.Client(
        base_url=f"http://127.0.0.1:{api.port}", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10
    )


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimwatch.cli", *args], env=env, capture_output=True, text=True, timeout=120
    )


def kafka_bus(bootstrap: str) -> KafkaBus:
    """A bus client for a test that publishes to the services' broker itself (tansu: no idempotence)."""
    return KafkaBus(
        bootstrap,
        client_id="e2e-test",
        idempotence=False,
        send_timeout_s=10,
        connect_timeout_s=10,
        session_timeout_ms=2000,
        partitions=4,
        replication_factor=1,
        policy=RetryPolicy(attempts=3, backoff_s=0.1, backoff_max_s=1),
        dead_letter_max_consecutive=0,
        metrics=None,
    )
