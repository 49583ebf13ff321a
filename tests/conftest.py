"""Shared fixtures; real servers are started by the modules under tests/fixtures."""

pytest_plugins = [
    "tests.fixtures.kafka",
    "tests.fixtures.postgres",
    "tests.fixtures.http",
    "tests.fixtures.smtp",
    "tests.fixtures.slack",
]
