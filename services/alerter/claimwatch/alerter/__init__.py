"""The alerter service: routes matches and mentions to subscriptions and delivers them.

Public surface: `Alerter`, `AlerterConfig`, the notifiers, and the ports the
store and metrics must satisfy.
"""

from claimwatch.alerter.alerter import Alerter, AlerterConfig
from claimwatch.alerter.dispatch import DispatchReport
from claimwatch.alerter.factory import alerter_config, build_notifiers, slack_client
from claimwatch.alerter.notifier import Notifier
from claimwatch.alerter.ports import AlerterMetrics, NoopMetrics, OutboxStore

__all__ = [
    "Alerter",
    "AlerterConfig",
    "AlerterMetrics",
    "DispatchReport",
    "NoopMetrics",
    "Notifier",
    "OutboxStore",
    "alerter_config",
    "build_notifiers",
    "slack_client",
]
