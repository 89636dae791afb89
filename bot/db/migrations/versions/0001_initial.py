"""Initial schema: channels, events seen, briefs, link jobs, digests.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _when(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "channels",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("team_id", sa.String(32), nullable=True),
        sa.Column("watched", sa.Boolean(), nullable=False),
        sa.Column("schedule", sa.String(200), nullable=True),
        sa.Column("timezone", sa.String(64), nullable=True),
        sa.Column("destination_id", sa.String(32), nullable=True),
        _when("created_at"),
        _when("updated_at"),
    )
    op.create_table(
        "events_seen",
        sa.Column("event_id", sa.String(64), primary_key=True),
        _when("received_at"),
    )
    op.create_table(
        "briefs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("url_key", sa.String(2048), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("brief_json", sa.Text(), nullable=False),
        _when("created_at"),
    )
    op.create_index("ix_briefs_url_key", "briefs", ["url_key"])
    op.create_index("ix_briefs_created_at", "briefs", ["created_at"])
    op.create_table(
        "link_jobs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(32), nullable=True),
        sa.Column("channel_id", sa.String(32), nullable=False),
        sa.Column("message_ts", sa.String(32), nullable=False),
        sa.Column("thread_ts", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("url_key", sa.String(2048), nullable=False),
        sa.Column("fresh", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("next_attempt_at"),
        _when("lease_until", nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("brief_id", sa.Integer(), sa.ForeignKey("briefs.id"), nullable=True),
        sa.Column("reply_ts", sa.String(32), nullable=True),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        _when("post_started_at", nullable=True),
        _when("created_at"),
        _when("finished_at", nullable=True),
        sa.UniqueConstraint("channel_id", "message_ts", "url_key", name="uq_link_jobs_message_link"),
    )
    op.create_index("ix_link_jobs_claim", "link_jobs", ["state", "next_attempt_at"])
    op.create_index("ix_link_jobs_channel_done", "link_jobs", ["channel_id", "state", "finished_at"])
    op.create_table(
        "digests",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("channel_id", sa.String(32), nullable=False),
        sa.Column("destination_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        _when("period_start", nullable=True),
        _when("period_end"),
        sa.Column("message_ts", sa.String(32), nullable=True),
        _when("created_at"),
        _when("posted_at", nullable=True),
        _when("lease_until", nullable=True),
    )
    op.create_index("ix_digests_channel_id", "digests", ["channel_id"])
    op.create_table(
        "digest_items",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("digest_id", sa.Integer(), sa.ForeignKey("digests.id"), nullable=False),
        sa.Column("channel_id", sa.String(32), nullable=False),
        sa.Column("job_id", sa.Integer(), sa.ForeignKey("link_jobs.id"), nullable=False),
        sa.UniqueConstraint("channel_id", "job_id", name="uq_digest_items_channel_job"),
    )
    op.create_index("ix_digest_items_digest_id", "digest_items", ["digest_id"])


def downgrade() -> None:
    for table in ("digest_items", "digests", "link_jobs", "briefs", "events_seen", "channels"):
        op.drop_table(table)
