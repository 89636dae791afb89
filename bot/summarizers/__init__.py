"""Summarisers turn an `Article` into a `Brief`. Each backend is one small class:

    class Summarizer(Protocol):
        name: str                                   # "heuristic", "openai" — goes into Brief.summarizer
        def summarize(self, article: Article) -> Brief: ...

`make_summarizer(settings)` picks the backend named by SUMMARIZER.
"""

from __future__ import annotations

from typing import Protocol

from bot.config import Settings
from bot.models import Article, Brief


class Summarizer(Protocol):
    name: str

    def summarize(self, article: Article) -> Brief: ...


def make_summarizer(settings: Settings) -> Summarizer:
    from bot.summarizers.heuristic import HeuristicSummarizer

    if settings.summarizer == "openai":
        from bot.summarizers.llm.summarizer import OpenAISummarizer

        return OpenAISummarizer(settings, fallback=HeuristicSummarizer())
    return HeuristicSummarizer()
