"""The Summarizer protocol: every backend turns an `Article` into a `Brief`."""

from __future__ import annotations

from typing import Protocol

from bot.models import Article, Brief


class Summarizer(Protocol):
    name: str  # "heuristic", "openai" — goes into Brief.summarizer

    def summarize(self, article: Article) -> Brief: ...
