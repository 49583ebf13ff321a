"""Everyday wordings of the acts, each read the same way whatever the parties and the item.

{S} is the one who gives (or is asked), {R} the one who gets (or asks), {X} the item; every
wording is checked with three sets of parties, one named with an article ("the Philippines").
"""

from __future__ import annotations

import pytest

from claimwatch.common.core.claims import RuleClaimEngine
from claimwatch.common.core.model import ArticleText
from claimwatch.common.core.watchlist import load_watchlist

WATCHLIST = {
    "systems": [
        {"name": "BrahMos", "aliases": ["BrahMos missiles", "BrahMos missile"], "category": "missile"},
        {"name": "drones", "aliases": ["drone", "UAVs"], "category": "drone"},
    ],
    "actors": [
        {"name": "India", "demonyms": ["Indian"]},
        {"name": "Philippines", "aliases": ["the Philippines", "Manila"], "demonyms": ["Filipino"]},
        {"name": "Iran", "aliases": ["Tehran"], "demonyms": ["Iranian"]},
        {"name": "Russia", "aliases": ["Moscow"], "demonyms": ["Russian"]},
        {"name": "United States", "aliases": ["the United States", "the US", "Washington"]},
        {"name": "Ukraine", "aliases": ["Kyiv"]},
    ],
}
# (supplier as written, supplier, recipient as written, recipient, item as written, item)
PARTIES = [
    ("India", "India", "the Philippines", "Philippines", "BrahMos missiles", "BrahMos"),
    ("Iran", "Iran", "Russia", "Russia", "drones", "drones"),
    ("the United States", "United States", "Ukraine", "Ukraine", "the drones", "drones"),
]
# (wording, predicate, polarity, modality, asked: the claim runs from {R}, who asks, to {S})
WORDINGS = [
    ("{S} delivered {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} has delivered {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} will deliver {X} to {R}.", "transfer", "affirmed", "planned", False),
    ("{S} plans to deliver {X} to {R}.", "transfer", "affirmed", "planned", False),
    ("{S} is considering delivering {X} to {R}.", "transfer", "affirmed", "possible", False),
    ("{S} did not deliver {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} has never delivered {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} will not deliver {X} to {R}.", "transfer", "negated", "planned", False),
    ("{S} denied delivering {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} denied that it had delivered {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{X} were delivered to {R} by {S}.", "transfer", "affirmed", "asserted", False),
    ("{X} were delivered by {S} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{R} received {X} from {S}.", "transfer", "affirmed", "asserted", False),
    ("{R} bought {X} from {S}.", "transfer", "affirmed", "asserted", False),
    ("{R} has received {X} from {S}.", "transfer", "affirmed", "asserted", False),
    ("{R} took delivery of {X} from {S}.", "transfer", "affirmed", "asserted", False),
    ("{R} has purchased {X} from {S}.", "transfer", "affirmed", "asserted", False),
    ("{R} will receive {X} from {S}.", "transfer", "affirmed", "planned", False),
    ("{R} is set to receive {X} from {S}.", "transfer", "affirmed", "planned", False),
    ("{S}'s delivery of {X} to {R} was completed.", "transfer", "affirmed", "asserted", False),
    ("The delivery of {X} by {S} to {R} was completed.", "transfer", "affirmed", "asserted", False),
    ("The delivery of {X} to {R} by {S} was completed.", "transfer", "affirmed", "asserted", False),
    ("{S} sent {R} {X}.", "transfer", "affirmed", "asserted", False),
    ("{S} supplied {R} with {X}.", "transfer", "affirmed", "asserted", False),
    ("{S} provided {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} handed over {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} transferred {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} shipped {X} to {R} last week.", "transfer", "affirmed", "asserted", False),
    ("{S} delivered the first batch of {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("On Friday, {S} delivered {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("According to officials, {S} delivered {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} delivered {X} to {R}, officials said.", "transfer", "affirmed", "asserted", False),
    ("Officials said {S} delivered {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} has sold {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} agreed to sell {X} to {R}.", "transfer", "affirmed", "planned", False),
    ("{S} approved the sale of {X} to {R}.", "transfer", "affirmed", "planned", False),
    ("{S} is supplying {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} may supply {X} to {R}.", "transfer", "affirmed", "possible", False),
    ("{S} could send {X} to {R}.", "transfer", "affirmed", "possible", False),
    ("{S} has refused to supply {X} to {R}.", "transfer", "negated", "planned", False),
    ("{S} postponed the delivery of {X} to {R}.", "transfer", "negated", "planned", False),
    ("The first {X} arrived in {R} from {S}.", "transfer", "affirmed", "asserted", False),
    ("{X} from {S} arrived in {R} on Monday.", "transfer", "affirmed", "asserted", False),
    ("{S} exported {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{R} imported {X} from {S}.", "transfer", "affirmed", "asserted", False),
    ("{R} acquired {X} from {S}.", "transfer", "affirmed", "asserted", False),
    ("{R} ordered {X} from {S}.", "transfer", "affirmed", "planned", False),
    ("{S} is expected to deliver {X} to {R} next year.", "transfer", "affirmed", "planned", False),
    ("{S} intends to supply {X} to {R}.", "transfer", "affirmed", "planned", False),
    ("{S} offered {X} to {R}.", "transfer", "affirmed", "possible", False),
    ("{S} offered {R} {X}.", "transfer", "affirmed", "possible", False),
    ("{S} has no plans to supply {X} to {R}.", "transfer", "negated", "planned", False),
    ("There are no plans to supply {X} to {R}, {S} said.", "transfer", "negated", "planned", False),
    ("{S} said it would not send {X} to {R}.", "transfer", "negated", "planned", False),
    ("{S} is not sending {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} stopped supplying {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} has been supplying {X} to {R} since 2022.", "transfer", "affirmed", "asserted", False),
    ("{X} made in {S} were delivered to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} gave {R} {X}.", "transfer", "affirmed", "asserted", False),
    ("{S} gave {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} donated {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{R} got {X} from {S}.", "transfer", "affirmed", "asserted", False),
    ("{R} obtained {X} from {S}.", "transfer", "affirmed", "asserted", False),
    ("{S} has started delivering {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} completed the delivery of {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} confirmed it had sent {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} admitted supplying {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{R} requested {X} from {S}.", "request", "affirmed", "asserted", True),
    ("{R} has asked {S} to supply {X}.", "request", "affirmed", "asserted", True),
    ("{R} urged {S} to send {X}.", "request", "affirmed", "asserted", True),
    ("{R} has not requested {X} from {S}.", "request", "negated", "asserted", True),
    ("{S} denied reports that it had supplied {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} dismissed claims it sent {X} to {R}.", "transfer", "negated", "asserted", False),
    (
        "Reports that {S} supplied {X} to {R} are false, officials said.",
        "transfer",
        "negated",
        "asserted",
        False,
    ),
    ("{S} has not sent any {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} has sent no {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} is not planning to supply {X} to {R}.", "transfer", "negated", "planned", False),
    ("{S} does not intend to send {X} to {R}.", "transfer", "negated", "planned", False),
    ("{S} ruled out sending {X} to {R}.", "transfer", "negated", "planned", False),
    ("{S} will never supply {X} to {R}.", "transfer", "negated", "planned", False),
    ("{S} has no intention of supplying {X} to {R}.", "transfer", "negated", "planned", False),
    ("It is unclear whether {S} has delivered {X} to {R}.", "transfer", "affirmed", "unsure", False),
    ("There is no evidence that {S} supplied {X} to {R}.", "transfer", "affirmed", "unsure", False),
    ("Officials could not confirm that {S} had sent {X} to {R}.", "transfer", "affirmed", "unsure", False),
    ("{S} is believed to have supplied {X} to {R}.", "transfer", "affirmed", "possible", False),
    ("{S} may have sent {X} to {R}.", "transfer", "affirmed", "possible", False),
    ("{S} is in talks to supply {X} to {R}.", "transfer", "affirmed", "possible", False),
    ("{S} has been accused of supplying {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{R} accused {S} of supplying {X} to its enemies.", "transfer", "affirmed", "asserted", False),
    ("Deliveries of {X} from {S} to {R} began in May.", "transfer", "affirmed", "asserted", False),
    ("{R} is now operating {X} bought from {S}.", "transfer", "affirmed", "asserted", False),
    ("{S} said it would supply {X} to {R}.", "transfer", "affirmed", "planned", False),
    ("{S} announced it will send {X} to {R}.", "transfer", "affirmed", "planned", False),
    ("{S}'s first shipment of {X} reached {R} on Monday.", "transfer", "affirmed", "asserted", False),
    ("A shipment of {X} from {S} reached {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} quietly shipped {X} to {R} last year.", "transfer", "affirmed", "asserted", False),
    ("{S} and {R} signed an agreement on the supply of {X}.", "transfer", "affirmed", "planned", False),
    ("{R} agreed to buy {X} from {S}.", "transfer", "affirmed", "planned", False),
    ("{R} wants to buy {X} from {S}.", "request", "affirmed", "asserted", True),
    ("{R} is seeking {X} from {S}.", "request", "affirmed", "asserted", True),
    ("{S}'s refusal to supply {X} to {R} angered officials.", "transfer", "negated", "planned", False),
    ("{S} declined to send {X} to {R}.", "transfer", "negated", "planned", False),
    ("{S} insists it has never supplied {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} flatly denied any {X} deliveries to {R}.", "transfer", "negated", "asserted", False),
    ("{S} denies sending {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} rejected reports that it sent {X} to {R} as baseless.", "transfer", "negated", "asserted", False),
    (
        "{S} called the claims that it had supplied {X} to {R} a lie.",
        "transfer",
        "negated",
        "asserted",
        False,
    ),
    (
        "Claims that {S} supplied {X} to {R} are untrue, a spokesman said.",
        "transfer",
        "negated",
        "asserted",
        False,
    ),
    ("{S} has not supplied and will not supply {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} did not send, and is not sending, {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} neither sells nor supplies {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} is not and will not be supplying {X} to {R}.", "transfer", "negated", "planned", False),
    ("{R} has repeatedly requested {X} from {S}.", "request", "affirmed", "asserted", True),
    ("{R} made a formal request to {S} for {X}.", "request", "affirmed", "asserted", True),
    ("{R} is pressing {S} to supply {X}.", "request", "affirmed", "asserted", True),
    ("{R} never requested {X} from {S}.", "request", "negated", "asserted", True),
    ("{S} in 2022 delivered {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} last year delivered {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} delivered 200 {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} delivered a batch of {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} delivered the first {X} to {R} in May.", "transfer", "affirmed", "asserted", False),
    ("{S} delivered more {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{X}, which {S} supplied to {R}, were used in the attack.", "transfer", "affirmed", "asserted", False),
    ("{X} supplied by {S} to {R} were used in the attack.", "transfer", "affirmed", "asserted", False),
    ("The {X} that {S} sent to {R} arrived on Monday.", "transfer", "affirmed", "asserted", False),
    ("{S}, which has supplied {X} to {R}, denied it.", "transfer", "affirmed", "asserted", False),
    ("{S} supplied {X} and shells to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} supplied shells and {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} has supplied {R} with {X} since 2022.", "transfer", "affirmed", "asserted", False),
    ("{S} supplied {X} to {R} (officials said).", "transfer", "affirmed", "asserted", False),
    ("{S} (officials said) supplied {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("The minister said that {S} had supplied {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("According to the minister, {S} supplied {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} supplied {X} to {R}, according to officials.", "transfer", "affirmed", "asserted", False),
    ("{S}, officials said, supplied {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("In a statement, {S} said it had supplied {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} said on Monday that it had supplied {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} confirmed on Monday that it had delivered {X} to {R}.", "transfer", "affirmed", "asserted", False),
    ("{S} appears to have supplied {X} to {R}.", "transfer", "affirmed", "possible", False),
    ("{S} said it might supply {X} to {R}.", "transfer", "affirmed", "possible", False),
    ("{S} is expected to supply {X} to {R}.", "transfer", "affirmed", "planned", False),
    ("{S} has agreed to supply {X} to {R}.", "transfer", "affirmed", "planned", False),
    ("{S} has decided to supply {X} to {R}.", "transfer", "affirmed", "planned", False),
    ("{S} is preparing to send {X} to {R}.", "transfer", "affirmed", "planned", False),
    ("{S} is set to deliver {X} to {R}.", "transfer", "affirmed", "planned", False),
    ("{S} has still not delivered {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} has not yet delivered {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} did not supply {X} to {R}, the ministry said.", "transfer", "negated", "asserted", False),
    ("{S} said it had not supplied {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} rejected claims that it had supplied {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} rejected accusations that it supplied {X} to {R}.", "transfer", "negated", "asserted", False),
    ("Neither {S} nor anyone else has supplied {X} to {R}.", "transfer", "negated", "asserted", False),
    ("{S} supplied {R} with {X} and trained its pilots.", "transfer", "affirmed", "asserted", False),
    ("{S} both supplied {X} to {R} and trained its pilots.", "transfer", "affirmed", "asserted", False),
]


@pytest.fixture(scope="module")
def engine() -> RuleClaimEngine:
    return RuleClaimEngine(load_watchlist(WATCHLIST))


@pytest.mark.parametrize(("wording", "predicate", "polarity", "modality", "asked"), WORDINGS)
def test_each_wording_gives_its_claim_whoever_the_parties(
    engine: RuleClaimEngine, wording: str, predicate: str, polarity: str, modality: str, asked: bool
) -> None:
    for written_s, supplier, written_r, recipient, written_x, item in PARTIES:
        text = wording.format(S=written_s, R=written_r, X=written_x)
        text = text[0].upper() + text[1:]
        found = engine.extract(ArticleText(url="https://daily.example/a", text=text)).claims
        got = {(c.predicate, c.subject, c.object, c.recipient, c.polarity, c.modality) for c in found}
        subject, to = (recipient, supplier) if asked else (supplier, recipient)
        assert (predicate, subject, item, to, polarity, modality) in got, text
