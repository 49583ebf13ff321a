import json

from claimwatch.alerter.content import DigestSummary
from claimwatch.alerter.slack_render import (
    HEADER_LIMIT,
    MAX_BLOCKS,
    SECTION_LIMIT,
    escape,
    escape_cut,
    link,
    render_digest,
    render_event,
)
from claimwatch.common.events import EvidencePublic
from tests.alerter.fakes import lavrov_vs_zhuravlev, mention

PUBLIC = "https://claimwatch.example"
HOSTILE = "<!channel> <!here> <@U123> <https://evil.example|Bank> & more"


def _texts(message: dict) -> list[str]:
    out: list[str] = [message["text"]]

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                out.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(message["blocks"])
    return out


def test_match_message_has_headline_both_sides_explanation_and_verdict() -> None:
    message = render_event(lavrov_vs_zhuravlev(), PUBLIC)
    header = message["blocks"][0]
    assert header["type"] == "header"
    assert header["text"]["text"].startswith("Contradiction: Lavrov vs Zhuravlev on Russia, Venezuela")
    fields = message["blocks"][1]["fields"]
    assert "Russia does not plan to provide military assistance" in fields[0]["text"]
    assert "Sergey Lavrov · Defence Blog · 2025-11-04" in fields[0]["text"]
    assert "Pantsir-S1 and the Buk-M2E systems" in fields[1]["text"]
    assert "<https://www.businessinsider.example/russia-air-defense-venezuela|" in fields[1]["text"]
    body = json.dumps(message)
    assert "Why:" in body and "82%" in body and "independent" in body
    assert f"{PUBLIC}/matches/7" in body


def test_article_text_cannot_mention_anyone_or_fake_a_link() -> None:
    side = EvidencePublic(
        article_url="https://x.example/a", sentence=HOSTILE, speaker=HOSTILE, claim="c", title=HOSTILE
    )
    event = lavrov_vs_zhuravlev(new=side, explanation=HOSTILE, entities=[HOSTILE])
    message = render_event(event, PUBLIC)
    raw = json.dumps(message)
    for forbidden in ("<!channel>", "<!here>", "<@U123>", "<https://evil.example|Bank>"):
        assert forbidden not in raw
    assert any("&lt;!channel&gt;" in t for t in _texts(message))
    assert "&amp; more" in raw


def test_every_section_and_header_stays_within_slack_limits() -> None:
    long = "Pantsir-S1 & <Buk> " * 2000
    side = EvidencePublic(
        article_url="https://x.example/" + "a" * 3000, sentence=long, speaker=long, claim=long
    )
    event = lavrov_vs_zhuravlev(new=side, stored=side, explanation=long, entities=[long] * 10)
    message = render_event(event, PUBLIC)
    assert len(message["blocks"]) <= MAX_BLOCKS
    assert len(message["blocks"][0]["text"]["text"]) <= HEADER_LIMIT
    for block in message["blocks"]:
        if "text" in block and block["type"] == "section":
            assert len(block["text"]["text"]) < SECTION_LIMIT
        for field in block.get("fields", []):
            assert len(field["text"]) <= 2000
    assert f"{PUBLIC}/matches/7" in json.dumps(message)


def test_cut_never_splits_an_entity() -> None:
    cut = escape_cut("&" * 100, 20)
    assert cut.endswith("…") and "&amp" not in cut.replace("&amp;", "")


def test_only_web_links_become_links() -> None:
    assert link("javascript:alert(1)", "x") == "x"
    assert link("https://a.example/?q=<b>|c", "t").startswith("<https://a.example/?q=%3Cb%3E%7Cc|")
    assert link("https://a.example/?a=1&b=2", "t") == "<https://a.example/?a=1&amp;b=2|t>"
    assert escape("a<b>&c") == "a&lt;b&gt;&amp;c"


def test_digest_lists_many_matches_compactly_within_block_limit() -> None:
    events = tuple(lavrov_vs_zhuravlev(match_id=i) for i in range(80))
    message = render_digest(DigestSummary("air desk", events), PUBLIC, subscription_id=3)
    assert len(message["blocks"]) <= MAX_BLOCKS
    assert message["blocks"][0]["text"]["text"] == "Digest for air desk: 80 matches"
    assert "and 60 more" in json.dumps(message)


def test_mention_message_names_entities_and_links_the_article() -> None:
    message = render_event(mention(), PUBLIC)
    assert message["blocks"][0]["text"]["text"].startswith("Mention: Pantsir-S1, Venezuela in")
    assert "<https://www.businessinsider.example/russia-air-defense-venezuela|" in json.dumps(message)
