from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from claimwatch.common.core.model import Claim
from claimwatch.common.store import NotFound, Store

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

DELIVERED = Claim(
    subject="Russia",
    predicate="transfer",
    object="Pantsir-S1",
    recipient="Venezuela",
    polarity="affirmed",
    modality="asserted",
    speaker="outlet:News",
    sentence="Russia delivered Pantsir-S1 to Venezuela.",
    span=(0, 41),
    article_url="https://news.example/a",
    outlet="News",
    cited_source="Defense Express",
    when="last week",
    published=NOW,
)
DENIED = replace(
    DELIVERED,
    object="military assistance",
    polarity="negated",
    sentence="Russia does not plan to provide military assistance to Venezuela.",
    span=(42, 108),
)


def _article_id(store: Store, key: str) -> int:
    article, _, _ = store.upsert_article(
        url_hash=key,
        canonical_url=f"https://news.example/{key}",
        url=f"https://news.example/{key}",
        text="...",
        text_hash=key,
        extraction_status="page",
    )
    return article.id


def test_adding_an_articles_claims_again_returns_the_same_ids(store: Store) -> None:
    article_id = _article_id(store, "a")
    pairs = [(DELIVERED, ["transfer|pantsir-s1"]), (DENIED, ["transfer|military assistance"])]
    ids = store.add_claims(article_id=article_id, claims=pairs, now=NOW)
    assert len(set(ids)) == 2
    assert store.add_claims(article_id=article_id, claims=pairs) == ids
    assert store.add_claims(article_id=article_id, claims=list(reversed(pairs))) == list(reversed(ids))
    assert len(store.list_claims(article_id=article_id)) == 2


def test_stored_claim_converts_back_to_the_same_core_claim(store: Store) -> None:
    article_id = _article_id(store, "a")
    [claim_id] = store.add_claims(article_id=article_id, claims=[(DELIVERED, ["k"])])
    row = store.get_claim(claim_id=claim_id)
    assert row is not None and row.to_core() == DELIVERED


def test_candidates_are_found_by_any_shared_key_and_never_from_the_same_article(store: Store) -> None:
    first = _article_id(store, "a")
    second = _article_id(store, "b")
    [delivered_id] = store.add_claims(
        article_id=first, claims=[(DELIVERED, ["transfer|pantsir-s1", "transfer|air defence"])]
    )
    [denied_id] = store.add_claims(article_id=second, claims=[(DENIED, ["transfer|military assistance"])])
    found = store.candidate_claims(keys=["transfer|air defence", "transfer|military assistance"])
    assert [claim_id for claim_id, _ in found] == [denied_id, delivered_id]  # newest first
    assert found[1][1] == DELIVERED
    only_other = store.candidate_claims(keys=["transfer|military assistance"], exclude_article_id=second)
    assert only_other == []
    assert store.candidate_claims(keys=["unknown"]) == []
    assert store.candidate_claims(keys=[]) == []
    assert len(store.candidate_claims(keys=["transfer|air defence", "transfer|pantsir-s1"])) == 1


def test_candidate_lookup_honours_the_limit(store: Store) -> None:
    article_id = _article_id(store, "a")
    pairs = [(replace(DELIVERED, span=(i, i + 1)), ["k"]) for i in range(5)]
    ids = store.add_claims(article_id=article_id, claims=pairs)
    assert [i for i, _ in store.candidate_claims(keys=["k"], limit=2)] == sorted(ids, reverse=True)[:2]


def test_tracked_claim_is_a_candidate_and_deleting_it_removes_its_claims_and_matches(store: Store) -> None:
    tracked = store.add_tracked_claim(text="Russia delivered Pantsir-S1 to Venezuela", now=NOW)
    ids = store.add_claims(tracked_claim_id=tracked.id, claims=[(DELIVERED, ["transfer|pantsir-s1"])])
    assert store.add_claims(tracked_claim_id=tracked.id, claims=[(DENIED, ["x"])]) == ids
    article_id = _article_id(store, "a")
    found = store.candidate_claims(keys=["transfer|pantsir-s1"], exclude_article_id=article_id)
    assert [i for i, _ in found] == ids
    [new_id] = store.add_claims(article_id=article_id, claims=[(DENIED, ["transfer|pantsir-s1"])])
    store.add_match(
        new_claim_id=new_id,
        stored_claim_id=ids[0],
        relation="contradicts",
        independence="independent",
        confidence=0.9,
        explanation="denial of a delivery",
    )
    assert [t.id for t in store.list_tracked_claims()] == [tracked.id]
    assert store.delete_tracked_claim(tracked_claim_id=tracked.id)
    assert store.get_claim(claim_id=ids[0]) is None
    assert store.list_matches() == []
    assert store.candidate_claims(keys=["transfer|pantsir-s1"], exclude_article_id=article_id) == []
    assert store.get_tracked_claim(tracked_claim_id=tracked.id) is None


def test_add_claims_needs_exactly_one_owner(store: Store) -> None:
    with pytest.raises(ValueError):
        store.add_claims(claims=[(DELIVERED, [])])


def test_a_match_is_stored_once(store: Store) -> None:
    first = _article_id(store, "a")
    second = _article_id(store, "b")
    [stored_id] = store.add_claims(article_id=first, claims=[(DELIVERED, ["k"])])
    [new_id] = store.add_claims(article_id=second, claims=[(DENIED, ["k"])])

    def add() -> tuple[int, bool]:
        return store.add_match(
            new_claim_id=new_id,
            stored_claim_id=stored_id,
            relation="contradicts",
            independence="independent",
            confidence=0.8,
            explanation="Pantsir-S1 is air defence, which is military assistance",
            now=NOW,
        )

    match_id, created = add()
    again, created_again = add()
    assert created and not created_again and again == match_id
    match = store.get_match(match_id=match_id)
    assert match is not None and match.created_at == NOW and match.relation == "contradicts"
    assert [m.id for m in store.list_matches(relation="contradicts")] == [match_id]
    assert store.list_matches(relation="corroborates") == []
    assert [m.id for m in store.list_matches(claim_id=stored_id)] == [match_id]


def test_claims_are_listed_by_entity_in_any_role(store: Store) -> None:
    article_id = _article_id(store, "a")
    store.add_claims(article_id=article_id, claims=[(DELIVERED, []), (DENIED, [])])
    assert len(store.list_claims(entity="Venezuela")) == 2
    assert [c.object for c in store.list_claims(entity="Pantsir-S1")] == ["Pantsir-S1"]
    assert store.list_claims(entity="Iran") == []


def test_claims_of_a_missing_article_raise_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.add_claims(article_id=999, claims=[(DELIVERED, ["k"])])
