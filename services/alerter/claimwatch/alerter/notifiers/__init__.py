"""Notifiers: Slack incoming webhooks, SMTP email, and the console."""

from claimwatch.alerter.notifiers.console import ConsoleNotifier
from claimwatch.alerter.notifiers.email import EmailNotifier, SmtpConfig
from claimwatch.alerter.notifiers.slack import SlackNotifier

__all__ = ["ConsoleNotifier", "EmailNotifier", "SlackNotifier", "SmtpConfig"]
