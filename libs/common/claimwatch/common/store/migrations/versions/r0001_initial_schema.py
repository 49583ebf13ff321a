"""Initial schema: feeds, articles, claims, matches, watchlist, subscriptions, outbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

Written out in full (not imported from the models) so it never changes after release.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _str(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(), nullable=nullable)


def _text(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=nullable)


def _int(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def _ts(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _json(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.JSON(), nullable=nullable)


def _fk(column: str, table: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "feed",
        _id(),
        _str("url"),
        _str("title"),
        _str("outlet"),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("interval_s", sa.Float(), nullable=True),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_feed"),
        sa.UniqueConstraint("url", name="uq_feed_url"),
    )
    op.create_table(
        "feed_state",
        _int("feed_id"),
        _str("etag", nullable=True),
        _str("last_modified", nullable=True),
        _str("body_hash", nullable=True),
        _ts("last_fetch_at", nullable=True),
        _ts("last_success_at", nullable=True),
        _str("last_error_kind", nullable=True),
        _text("last_error_message", nullable=True),
        _int("consecutive_failures"),
        _ts("next_poll_at", nullable=True),
        _int("entries_seen"),
        _int("last_status", nullable=True),
        _str("lease_owner", nullable=True),
        _ts("lease_until", nullable=True),
        sa.Column("mean_entry_interval_s", sa.Float(), nullable=True),
        _fk("feed_id", "feed_state", "feed", "CASCADE"),
        sa.PrimaryKeyConstraint("feed_id", name="pk_feed_state"),
    )
    op.create_index("ix_feed_state_next_poll_at", "feed_state", ["next_poll_at"])

    op.create_table(
        "article",
        _id(),
        _str("url_hash"),
        _str("canonical_url"),
        _str("url"),
        _int("feed_id", nullable=True),
        _str("title"),
        _str("outlet"),
        _ts("published", nullable=True),
        _text("text"),
        _str("text_hash"),
        _str("extraction_status"),
        _text("extraction_error", nullable=True),
        _ts("discovered_at"),
        _ts("extracted_at", nullable=True),
        _ts("updated_at"),
        _fk("feed_id", "article", "feed", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_article"),
        sa.UniqueConstraint("url_hash", name="uq_article_url_hash"),
    )
    op.create_index("ix_article_discovered_at", "article", ["discovered_at"])
    op.create_index("ix_article_feed_id", "article", ["feed_id"])

    op.create_table(
        "mention",
        _id(),
        _int("article_id"),
        _str("entity"),
        _str("kind"),
        _str("surface"),
        _int("start"),
        _int("end"),
        _fk("article_id", "mention", "article", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_mention"),
        sa.UniqueConstraint("article_id", "entity", "start", name="uq_mention_identity"),
    )
    op.create_index("ix_mention_entity", "mention", ["entity"])

    op.create_table(
        "tracked_claim",
        _id(),
        _text("text"),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_tracked_claim"),
    )

    op.create_table(
        "claim",
        _id(),
        _int("article_id", nullable=True),
        _int("tracked_claim_id", nullable=True),
        _str("subject"),
        _str("predicate"),
        _str("object"),
        _str("recipient"),
        _str("polarity"),
        _str("modality"),
        _str("speaker"),
        _str("outlet"),
        _str("cited_source"),
        _str("when"),
        _text("sentence"),
        _int("span_start"),
        _int("span_end"),
        _str("article_url"),
        _ts("published", nullable=True),
        _ts("created_at"),
        _fk("article_id", "claim", "article", "CASCADE"),
        _fk("tracked_claim_id", "claim", "tracked_claim", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_claim"),
        sa.UniqueConstraint(
            "article_id",
            "span_start",
            "subject",
            "predicate",
            "object",
            "recipient",
            "polarity",
            "modality",
            name="uq_claim_identity",
        ),
    )
    op.create_index("ix_claim_tracked_claim_id", "claim", ["tracked_claim_id"])

    op.create_table(
        "claim_key",
        _int("claim_id"),
        _str("key"),
        _fk("claim_id", "claim_key", "claim", "CASCADE"),
        sa.PrimaryKeyConstraint("claim_id", "key", name="pk_claim_key"),
    )
    op.create_index("ix_claim_key_key", "claim_key", ["key"])

    op.create_table(
        "match",
        _id(),
        _int("new_claim_id"),
        _int("stored_claim_id"),
        _str("relation"),
        _str("independence"),
        sa.Column("confidence", sa.Float(), nullable=False),
        _text("explanation"),
        _ts("created_at"),
        _fk("new_claim_id", "match", "claim", "CASCADE"),
        _fk("stored_claim_id", "match", "claim", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_match"),
        sa.UniqueConstraint("new_claim_id", "stored_claim_id", "relation", name="uq_match_identity"),
    )
    op.create_index("ix_match_created_at", "match", ["created_at"])
    op.create_index("ix_match_stored_claim_id", "match", ["stored_claim_id"])

    op.create_table(
        "watchlist_entry",
        _id(),
        _str("name"),
        _str("kind"),
        _str("actor_kind", nullable=True),
        _json("aliases"),
        _str("variant_of", nullable=True),
        _str("category", nullable=True),
        _str("parent", nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_watchlist_entry"),
        sa.UniqueConstraint("name", name="uq_watchlist_entry_name"),
    )

    op.create_table(
        "subscription",
        _id(),
        _str("name"),
        _str("channel"),
        _str("slack_webhook_url", nullable=True),
        _json("email_to"),
        _json("relations"),
        _json("entities"),
        sa.Column("min_confidence", sa.Float(), nullable=False),
        sa.Column("independent_only", sa.Boolean(), nullable=False),
        _json("ignore_outlets"),
        _str("mode"),
        _int("digest_minutes"),
        _json("quiet_hours", nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        _str("broken_reason", nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_subscription"),
    )

    op.create_table(
        "delivery",
        _id(),
        _int("subscription_id"),
        _str("dedupe_key"),
        _str("kind"),
        _int("ref_id"),
        _str("channel"),
        _str("state"),
        _int("attempts"),
        _ts("next_attempt_at"),
        _text("last_error", nullable=True),
        _json("payload"),
        _ts("discovered_at", nullable=True),
        _ts("created_at"),
        _ts("claimed_at", nullable=True),
        _ts("sent_at", nullable=True),
        _fk("subscription_id", "delivery", "subscription", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_delivery"),
        sa.UniqueConstraint("dedupe_key", name="uq_delivery_dedupe_key"),
    )
    op.create_index("ix_delivery_due", "delivery", ["state", "next_attempt_at"])
    op.create_index("ix_delivery_subscription_id", "delivery", ["subscription_id"])

    op.create_table(
        "dead_letter",
        _id(),
        _str("source"),
        _str("key"),
        _text("payload"),
        _text("reason"),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_dead_letter"),
    )
    op.create_index("ix_dead_letter_source", "dead_letter", ["source"])


def downgrade() -> None:
    for table in (
        "dead_letter",
        "delivery",
        "subscription",
        "watchlist_entry",
        "match",
        "claim_key",
        "claim",
        "tracked_claim",
        "mention",
        "article",
        "feed_state",
        "feed",
    ):
        op.drop_table(table)
