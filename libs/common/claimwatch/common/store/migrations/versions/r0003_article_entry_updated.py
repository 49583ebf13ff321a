"""Edited articles: the feed entry's `updated` time each stored article reflects.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

Nullable and unset for existing articles: their discovery time stands in (an
entry updated after it was discovered is an edit), so no backfill is needed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.add_column(sa.Column("entry_updated", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.drop_column("entry_updated")
