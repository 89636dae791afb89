"""Summarisers turn an `Article` into a `Brief`. Each backend is one small class:

    class Summarizer(Protocol):
        name: str                                   # "heuristic", "openai" — goes into Brief.summarizer
        def summarize(self, article: Article) -> Brief: ...

`make_summarizer(settings)` picks the backend named by SUMMARIZER.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.summarizers.base import Summarizer

if TYPE_CHECKING:
    from bot.config import Settings

__all__ = ["Summarizer", "make_summarizer"]


def make_summarizer(settings: Settings) -> Summarizer:
    # the backends are imported here, not with the package: the workers' CPU process imports the package
    # to unpickle the heuristic summariser and needs neither the settings nor the LLM client (httpx)
    from bot.summarizers.heuristic import HeuristicSummarizer

    if settings.summarizer == "openai":
        from bot.summarizers.llm.summarizer import OpenAISummarizer  # see above

        return OpenAISummarizer(settings, fallback=HeuristicSummarizer())
    return HeuristicSummarizer()
