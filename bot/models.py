"""Domain models (pydantic). Not database tables: those live in `bot.db.tables`.

`Brief` is the outside contract's JSON brief (see README, "The brief"); keys may be added,
never removed or renamed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Status(StrEnum):
    APPROVED = "approved"
    DECLINED = "declined"
    PARTIAL = "partial"
    PENDING = "pending"
    UNKNOWN = "unknown"


class Article(BaseModel):
    """The readable part of a page or file: what the summariser sees."""

    model_config = ConfigDict(frozen=True)

    source: str  # the URL or path as given
    url: str | None = None  # the final URL after redirects (None for files)
    title: str | None = None
    site: str | None = None
    published: str | None = None  # ISO date
    text: str  # main text, paragraphs separated by newlines; the headline is not repeated here


class Evidence(BaseModel):
    """The article's own sentence behind each field, verbatim, or None."""

    requester: str | None = None
    request: str | None = None
    decision: str | None = None
    reason: str | None = None


class Brief(BaseModel):
    source: str
    title: str | None = None
    site: str | None = None
    published: str | None = None
    summary: str
    requester: str | None = None
    request: str | None = None
    decided_by: str | None = None
    status: Status = Status.UNKNOWN
    decision: str | None = None
    reason: str | None = None
    evidence: Evidence = Field(default_factory=Evidence)
    summarizer: str = "heuristic"

    def to_json(self) -> str:
        return self.model_dump_json()


@dataclass(frozen=True)
class SlackIdentity:
    """Who Verdict is in a workspace (auth.test): its bot user, team and workspace URL."""

    user_id: str | None
    team_id: str | None
    url: str | None  # "https://acme.slack.com/"

    def permalink(self, channel: str, message_ts: str, thread_ts: str | None = None) -> str | None:
        """Slack's permalink format, built locally: one chat.getPermalink per brief would not scale."""
        if not self.url:
            return None
        link = f"{self.url.rstrip('/')}/archives/{channel}/p{message_ts.replace('.', '')}"
        if thread_ts and thread_ts != message_ts:
            link += f"?thread_ts={thread_ts}&cid={channel}"
        return link
