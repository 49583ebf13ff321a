"""Feed liveness: the time of each feed's newest entry, to flag feeds gone silent.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

Nullable and unset for existing feeds: their next successful poll fills it in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("feed_state") as batch:
        batch.add_column(sa.Column("newest_entry_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("feed_state") as batch:
        batch.drop_column("newest_entry_at")
