"""Summarisers turn an `Article` into a `Brief`. Each backend is one small class:

    class Summarizer(Protocol):
        name: str                                   # "heuristic", "openai" — goes into Brief.summarizer
        def summarize(self, article: Article) -> Brief: ...

`make_summarizer(settings)` picks the backend named by SUMMARIZER.
"""

from __future__ import annotations

from bot.config import Settings
from bot.summarizers.base import Summarizer
from bot.summarizers.heuristic import HeuristicSummarizer
from bot.summarizers.llm.summarizer import OpenAISummarizer

__all__ = ["Summarizer", "make_summarizer"]


def make_summarizer(settings: Settings) -> Summarizer:
    if settings.summarizer == "openai":
        return OpenAISummarizer(settings, fallback=HeuristicSummarizer())
    return HeuristicSummarizer()
