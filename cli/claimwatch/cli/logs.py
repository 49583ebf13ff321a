"""Logging: readable lines by default, one JSON object per line when asked."""

from __future__ import annotations

import json
import logging
import sys

from claimwatch.common.settings import Settings


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name("claimwatch")
    root = logging.getLogger()
    # Replace only our own handler: a host process (tests, an embedding app) keeps its own.
    root.handlers[:] = [h for h in root.handlers if h.get_name() != "claimwatch"] + [handler]
    root.setLevel(settings.log_level)
    # httpx logs every request URL at INFO; URLs may carry secrets (webhooks).
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("aiokafka").setLevel(logging.WARNING)
