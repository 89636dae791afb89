"""The per-article budget: no input pins a worker.

Bounds are CPU seconds of the summarising thread (`time.thread_time`), which parallel test workers or
a busy host do not inflate; `bench/eval_briefs.py` measures wall-clock speed.
"""

from __future__ import annotations

import time

from bot.models import Article, Status
from bot.summarizers.heuristic import HeuristicSummarizer


def test_one_megabyte_paragraph_under_two_seconds() -> None:
    unit = "The committee met again and the members talked about the harbour plan at length, "
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]  # one paragraph, no sentence end
    article = Article(source="big.txt", title="A long meeting", text=text)
    start = time.thread_time()
    brief = HeuristicSummarizer().summarize(article)
    assert time.thread_time() - start < 2.0
    assert brief.status is Status.UNKNOWN


def test_many_short_sentences_under_two_seconds() -> None:
    text = "The council rejected the plan. " * 40_000  # 1.2 MB of sentences that each decide something
    article = Article(source="many.txt", title="Plan rejected", text=text)
    start = time.thread_time()
    HeuristicSummarizer().summarize(article)
    assert time.thread_time() - start < 2.0


def test_pathological_punctuation_is_fast() -> None:
    text = ("'" * 5000 + " by " + "-" * 5000 + " , ") * 20
    start = time.thread_time()
    HeuristicSummarizer().summarize(Article(source="odd.txt", title=None, text=text))
    assert time.thread_time() - start < 2.0
