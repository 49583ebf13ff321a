import io
from datetime import UTC, datetime

from claimwatch.alerter import Alerter
from claimwatch.alerter.notifiers import ConsoleNotifier
from tests.alerter.fakes import MemoryOutbox, Sub, lavrov_vs_zhuravlev, mention


async def test_console_alert_reads_as_plain_text_with_both_sides() -> None:
    out = io.StringIO()
    store = MemoryOutbox([Sub(1)])
    alerter = Alerter(store, {"console": ConsoleNotifier(out, public_url="http://127.0.0.1:8080")})
    await alerter.handle(lavrov_vs_zhuravlev())
    await alerter.dispatch_due(datetime.now(UTC))
    text = out.getvalue()
    lines = text.splitlines()
    assert lines[1].startswith("Contradiction: Lavrov vs Zhuravlev on Russia, Venezuela")
    assert '"Russia does not plan to provide military assistance to Venezuela' in text
    assert "CONTRADICTS" in text and "Buk-M2E" in text
    assert "Why: Lavrov says" in text
    assert "Confidence: 82%" in text and "Independence: independent" in text
    assert "http://127.0.0.1:8080/matches/7" in text
    assert store.states() == ["sent"]


async def test_console_output_drops_terminal_control_sequences() -> None:
    out = io.StringIO()
    store = MemoryOutbox([Sub(1)])
    alerter = Alerter(store, {"console": ConsoleNotifier(out)})
    await alerter.handle(mention(title="\x1b[2J\x1b]0;owned\x07Russia sends Buk"))
    await alerter.dispatch_due(datetime.now(UTC))
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
    assert "Russia sends Buk" in out.getvalue()
