"""The per-article budget: no input pins a worker.

Bounds are CPU seconds of the summarising thread (`time.thread_time`), which parallel test workers or
a busy host do not inflate; `bench/eval_briefs.py` measures wall-clock speed.
"""

from __future__ import annotations

import random
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


_SOUP = ("the a its his their of to for by on whether which who that and not will would has had was been said "
         "asked approved rejected refused granted dismissed upheld cut adjourned deferred appeal bid application "
         "plans ban decision ruling hearing council court judge board minister watchdog firm club family developer "
         "Acme Harlow Smith's U.S. Inc. Mr £2m 18 months after until pending because citing due since saying , , . "
         "; : \" “ ” ' ( ) - ? 's wait consider take time make final won't hear poll percent approve everyone").split()


def test_word_soup_never_breaks_the_summariser() -> None:
    rng = random.Random(20261201)
    summarizer = HeuristicSummarizer()
    for _ in range(300):
        text = " ".join(rng.choice(_SOUP) for _ in range(rng.randint(5, 400)))
        title = " ".join(rng.choice(_SOUP) for _ in range(rng.randint(0, 12)))
        brief = summarizer.summarize(Article(source="soup.txt", title=title, text=text))
        for name in ("requester", "request", "decision", "reason"):
            value, evidence = getattr(brief, name), getattr(brief.evidence, name)
            assert value is None or evidence is not None, name


def test_a_failing_rule_costs_the_decision_not_the_brief(monkeypatch, caplog) -> None:
    import bot.summarizers.heuristic as heuristic

    def broken(*args, **kwargs):
        raise IndexError("a rule's bug")

    monkeypatch.setattr(heuristic, "build_fields", broken)
    with caplog.at_level("ERROR"):
        brief = HeuristicSummarizer().summarize(Article(source="t.txt", title="Plan approved",
                                                        text="The council approved the plan on Monday."))
    assert brief.status is Status.UNKNOWN and brief.requester is None
    assert brief.summary.startswith("The council approved the plan")
    assert "summariser rules failed on t.txt" in caplog.text
