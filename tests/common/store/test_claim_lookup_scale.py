"""Candidate lookup goes through the claim-key index, so it does not slow down as the store grows."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert

from claimwatch.common.store import Store, make_engine, upgrade
from claimwatch.common.store.models import Article, ClaimKey, ClaimRecord

NOW = datetime(2026, 3, 1, tzinfo=UTC)
CLAIMS = 200_000
OBJECTS = 10_000  # each key is shared by CLAIMS / OBJECTS claims


def _claim(i: int) -> dict[str, object]:
    blank = dict.fromkeys(("recipient", "speaker", "outlet", "cited_source", "when", "sentence"), "")
    return blank | {
        "id": i,
        "article_id": 1,
        "subject": "Russia",
        "predicate": "transfer",
        "object": f"s{i % OBJECTS}",
        "polarity": "affirmed",
        "modality": "asserted",
        "span_start": i,
        "span_end": i,
        "article_url": "u",
        "created_at": NOW,
    }


def _bulk_load(url: str) -> None:
    engine = make_engine(url)
    article: dict[str, object] = dict.fromkeys(
        ("url_hash", "canonical_url", "url", "text", "text_hash", "title", "outlet"), ""
    )
    article |= {"extraction_status": "page", "discovered_at": NOW, "updated_at": NOW}
    try:
        with engine.begin() as conn:
            conn.execute(insert(Article), [article])
            for start in range(0, CLAIMS, 50_000):
                ids = range(start + 1, start + 50_001)
                conn.execute(insert(ClaimRecord), [_claim(i) for i in ids])
                keys = [{"claim_id": i, "key": f"transfer|s{i % OBJECTS}"} for i in ids]
                conn.execute(insert(ClaimKey), keys)
    finally:
        engine.dispose()


@pytest.mark.slow
def test_candidate_lookup_stays_fast_with_many_stored_claims(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'big.db'}"
    upgrade(url)
    _bulk_load(url)
    with Store(url) as store:
        store.candidate_claims(keys=["transfer|s1"])  # warm the page cache
        started = time.perf_counter()
        for n in range(20):
            found = store.candidate_claims(keys=[f"transfer|s{n}", "transfer|none"], exclude_article_id=2)
            assert len(found) == CLAIMS // OBJECTS
        per_lookup = (time.perf_counter() - started) / 20
    assert per_lookup < 0.1, f"{per_lookup * 1000:.1f} ms per lookup"
