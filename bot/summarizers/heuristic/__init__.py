"""The offline summariser: English read in stages, no network, milliseconds per article.

    from bot.summarizers.heuristic import HeuristicSummarizer
    brief = HeuristicSummarizer().summarize(article)

The stages, each a module with typed inputs and outputs (`types`), testable alone:

    tokens       sentences (headline first) → tokens with offsets and quotation marks
    lexicon      verbs and nouns by meaning (ask, grant, refuse, defer, win, lose...), all inflections
    polarity     negation, control verbs ("refused to"), modality ("will", "could", "if")
    attribution  narrated or reported speech, and whose
    phrases      the subject, object and by-agent around a verb
    events       requests, decisions and deferrals with who acts, on what, for whom
    partial      the words that make a decision a partial one ("some of", "three of five", "rather than")
    genre        stories that report no request (obituaries, explainers, polls, figures, match reports)
    choose       the central decision and requester, scored by fitted weights (`weights.json`)
    fields       the brief's fields, each a verbatim phrase of its evidence sentence
    reason       the decision's ground: clauses near it, ranked by fitted weights (`weights.json`)
    budget       a hard per-article limit on text and time

A status whose confidence is below the fitted threshold is "unknown": no decision or reason is
stated, and the parties only when a likely decision was found (see `fields`); in a story of a kind
that reports no request (`genre`), neither is.

Maintenance commands (from the repository root):

    python bench/eval_briefs.py            # scores: whole dev set, tune/check halves, first 25 / added 55, ms
    python bench/fit_weights.py            # refit weights.json on the tune half (then re-run the golden)
    python bench/fit_weights.py --requester-only   # refit the requester weights only
    python bench/fit_reason.py             # refit the reason ranking's weights on the tune halves
    python bench/sweep_cut.py              # right and wrong per status threshold, tune halves only
    python bench/golden.py --update        # regenerate tests/summarizers/golden.jsonl after an intended change
"""

from __future__ import annotations

import logging

from bot.models import Article, Brief, Evidence, Status
from bot.summarizers.heuristic import lexicon
from bot.summarizers.heuristic.budget import Budget
from bot.summarizers.heuristic.choose import choose
from bot.summarizers.heuristic.events import find_events
from bot.summarizers.heuristic.fields import Fields, build_fields
from bot.summarizers.heuristic.tokens import read_sentences
from bot.summarizers.heuristic.types import Choice, trim
from bot.summarizers.heuristic.weights import load

__all__ = ["HeuristicSummarizer"]

logger = logging.getLogger(__name__)

SUMMARY_CAP = 300


class HeuristicSummarizer:
    name = "heuristic"

    def summarize(self, article: Article) -> Brief:
        lexicon.warm()  # cached: a no-op after the first call
        budget = Budget.start()
        weights = load()
        sentences = read_sentences(article.title, article.text, budget)
        try:
            events = find_events(sentences, budget)
            choice, _ = choose(sentences, events, weights)
            fields = build_fields(sentences, events, choice, weights)
        except Exception:  # a rule's bug on some sentence must not cost the user the brief
            logger.exception("summariser rules failed on %s; answering with no decision", article.source)
            choice, fields = Choice(Status.UNKNOWN, 0.0), Fields()
        return Brief(
            source=article.source,
            title=article.title,
            site=article.site,
            published=article.published,
            summary=_summary(article, sentences),
            requester=fields.requester,
            request=fields.request,
            decided_by=fields.decided_by,
            status=choice.status if fields.decision or choice.status is Status.UNKNOWN else Status.UNKNOWN,
            decision=fields.decision,
            reason=fields.reason,
            evidence=Evidence(**fields.evidence),
            summarizer=self.name,
        )


def _summary(article: Article, sentences) -> str:
    body = [s for s in sentences if not s.headline]
    if body:
        return trim(body[0].text, SUMMARY_CAP) or body[0].text[:SUMMARY_CAP]
    return (article.title or "").strip() or "No article text."
