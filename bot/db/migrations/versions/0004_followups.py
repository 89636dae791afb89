"""Follow-ups: brief records (search, open requests), full-text search, posted updates.

Revision ID: 0004_followups
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_followups"
down_revision = "0001"
branch_labels = None
depends_on = None

# kept in step with bot.db.followups (the queries use the same expression, so PostgreSQL uses the index)
PG_SEARCH_EXPRESSION = (
    "to_tsvector('english'::regconfig, coalesce(requester, '') || ' ' || coalesce(request, '') || ' ' "
    "|| coalesce(decided_by, '') || ' ' || coalesce(title, ''))"
)


def _when(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "brief_records",
        sa.Column("job_id", sa.Integer(), sa.ForeignKey("link_jobs.id"), primary_key=True, autoincrement=False),
        sa.Column("brief_id", sa.Integer(), sa.ForeignKey("briefs.id"), nullable=False),
        sa.Column("team_id", sa.String(32), nullable=True),
        sa.Column("channel_id", sa.String(32), nullable=False),
        sa.Column("thread_ts", sa.String(32), nullable=False),
        sa.Column("reply_ts", sa.String(32), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("requester", sa.Text(), nullable=True),
        sa.Column("request", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("searchable", sa.Boolean(), nullable=False),
        sa.Column("open_state", sa.String(16), nullable=True),
        _when("recheck_at", nullable=True),
        sa.Column("rechecks", sa.Integer(), nullable=False),
        _when("created_at"),
    )
    op.create_index("ix_brief_records_team_open", "brief_records", ["team_id", "open_state"])
    op.create_index("ix_brief_records_channel_open", "brief_records", ["channel_id", "open_state", "created_at"])
    op.create_index("ix_brief_records_team_created", "brief_records", ["team_id", "created_at"])
    op.create_index("ix_brief_records_recheck", "brief_records", ["open_state", "recheck_at"])
    op.create_table(
        "followups",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("open_job_id", sa.Integer(), sa.ForeignKey("brief_records.job_id"), nullable=False, unique=True),
        sa.Column("channel_id", sa.String(32), nullable=False),
        sa.Column("thread_ts", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("outcome_job_id", sa.Integer(), sa.ForeignKey("link_jobs.id"), nullable=True),
        sa.Column("outcome_brief_id", sa.Integer(), sa.ForeignKey("briefs.id"), nullable=False),
        sa.Column("outcome_url", sa.Text(), nullable=False),
        sa.Column("outcome_channel_id", sa.String(32), nullable=True),
        sa.Column("outcome_ts", sa.String(32), nullable=True),
        sa.Column("outcome_thread_ts", sa.String(32), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reply_ts", sa.String(32), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        _when("lease_until", nullable=True),
        _when("post_started_at", nullable=True),
        _when("created_at"),
        _when("posted_at", nullable=True),
    )
    op.create_index("ix_followups_state", "followups", ["state", "lease_until"])
    op.create_index("ix_link_jobs_finished", "link_jobs", ["finished_at"])
    if op.get_bind().dialect.name == "sqlite":
        # external content: the text lives in brief_records; bot.db.followups writes both in one transaction
        op.execute("CREATE VIRTUAL TABLE brief_records_fts USING fts5(requester, request, decided_by, title, "
                   "content='brief_records', content_rowid='job_id', "
                   "tokenize='porter unicode61 remove_diacritics 2')")
    else:
        op.execute(f"CREATE INDEX ix_brief_records_fts ON brief_records USING gin ({PG_SEARCH_EXPRESSION})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS brief_records_fts")
    op.drop_index("ix_link_jobs_finished", table_name="link_jobs")
    op.drop_table("followups")
    op.drop_table("brief_records")
