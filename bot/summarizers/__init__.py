"""Summarisers turn an `Article` into a `Brief`. Each backend is one small class:

    class Summarizer(Protocol):
        name: str                                   # "heuristic", "openai" — goes into Brief.summarizer
        def summarize(self, article: Article) -> Brief: ...

`make_summarizer(settings)` picks the backend named by SUMMARIZER.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.summarizers.base import Summarizer
from bot.summarizers.heuristic import HeuristicSummarizer

if TYPE_CHECKING:  # a CPU child unpickles the heuristic summariser through this package: keep it light
    from bot.config import Settings

__all__ = ["Summarizer", "make_summarizer"]


def make_summarizer(settings: Settings) -> Summarizer:
    if settings.summarizer == "openai":
        # imported here: the LLM client (httpx, its schema) loads only in the process that uses it
        from bot.summarizers.llm.summarizer import OpenAISummarizer

        return OpenAISummarizer(settings, fallback=HeuristicSummarizer())
    return HeuristicSummarizer()
