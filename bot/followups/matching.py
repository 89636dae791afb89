"""Does a decided brief answer an open request? A small score a person can check by hand.

    score = match_score(open_request, outcome)     # None when the names differ; else 0.0 … 1.0
    score.value, score.shared                      # 0.77, ('bank', 'build', 'bus', 'depot', 'new', 'river')
    pairs = match(outcome, candidates)             # [(candidate, score)] at or above THRESHOLD

The rule, in three steps:

1. Same requester: the two names, reduced to their content words ("The city of Lyon" → {city, lyon}),
   are equal or one contains the other ("Lyon" matches "the city of Lyon").
2. Same decider, the same way ("the board" matches "the planning board"). When one of the briefs
   names no decider, this step passes: pending articles often say only "awaits a decision".
3. Overlapping requests: the content words of the two requests (cut to their first five letters:
   "merger" = "merge", "extradition" = "extradite") compared with the Ochiai coefficient, shared / sqrt(|A|·|B|): 1.0 for the
   same words, 0.5 when, say, 2 of 4 words are shared by two requests of 4. At or above THRESHOLD
   is a match. A brief without a request falls back to its title.

THRESHOLD was measured on 25 hand-written pairs of requests between the same parties
(`python bench/followup_threshold.py`): the same request reworded scored 0.53–1.0, different
requests 0.0–0.40, except one (a school and homes "on the old hospital site": 0.80). Every
threshold from 0.41 to 0.53 gets 24 of 25 right; 0.45 sits in the middle of that gap.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

THRESHOLD = 0.45
MAX_WORDS = 60
STEM_LETTERS = 5  # a request is a phrase; anything longer is cut, so one score costs microseconds

_STOP = frozenset("""
a an the of for to in on at by with from and or but as is are was were be been being its it this that these
those their his her our your my we they he she them us i you into over under about after before than then so
such not no nor can could would should will shall may might must do does did has have had new also more most
some any all each other which who whom whose what when where why how there here very own same s
request requests asked asks asking ask seek seeks sought seeking permission application applied apply
approval approve approved decline declined reject rejected refuse refused grant granted deny denied decision
""".split())
# in names only: the generic words that differ between two mentions of one body
_NAME_STOP = _STOP | frozenset({"government", "ministry", "department", "office"})
_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


class _Record(Protocol):
    @property
    def requester(self) -> str | None: ...
    @property
    def request(self) -> str | None: ...
    @property
    def decided_by(self) -> str | None: ...
    @property
    def title(self) -> str | None: ...


def _stem(word: str) -> str:
    # the first five letters: "merger" ~ "merge", "extradition" ~ "extradite", "fees" ~ "fee",
    # "coastal" ~ "coast" — crude, but anyone can check it by eye
    return word[:STEM_LETTERS]


def _words(text: str | None, stop: frozenset[str]) -> list[str]:
    text = (text or "").casefold().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    return [w for w in _WORD.findall(text)[:MAX_WORDS] if w not in stop]


def name_words(name: str | None) -> frozenset[str]:
    """"South Korea's government" → {korea, south}: a name's content words, for comparing names."""
    return frozenset(_stem(w) for w in _words(name, _NAME_STOP))


def names_match(a: str | None, b: str | None) -> bool:
    x, y = name_words(a), name_words(b)
    return bool(x and y) and (x <= y or y <= x)


def request_words(record: _Record) -> frozenset[str]:
    return frozenset(_stem(w) for w in _words(record.request or record.title, _STOP) if len(w) > 1)


@dataclass(frozen=True)
class Score:
    value: float  # 0.0 … 1.0
    shared: tuple[str, ...]  # the words both requests have (what makes the score explainable)
    sizes: tuple[int, int]

    def explain(self) -> str:
        return f"{len(self.shared)} shared words of {self.sizes[0]} and {self.sizes[1]}: " \
               f"{', '.join(self.shared)} → {self.value:.2f}"


def overlap(a: frozenset[str], b: frozenset[str]) -> Score:
    shared = a & b
    value = len(shared) / math.sqrt(len(a) * len(b)) if a and b else 0.0
    return Score(round(value, 4), tuple(sorted(shared)), (len(a), len(b)))


def match_score(request: _Record, outcome: _Record) -> Score | None:
    """None when requester or decider differ; else how much the two requests overlap."""
    if not names_match(request.requester, outcome.requester):
        return None
    if request.decided_by and outcome.decided_by and not names_match(request.decided_by, outcome.decided_by):
        return None
    return overlap(request_words(request), request_words(outcome))


def match(outcome: _Record, candidates: Iterable, *, threshold: float = THRESHOLD) -> list[tuple[object, float]]:
    """The candidates (open requests) that `outcome` answers, with their scores, best first."""
    found = []
    for candidate in candidates:
        score = match_score(candidate, outcome)
        if score is not None and score.value >= threshold:
            found.append((candidate, score.value))
    return sorted(found, key=lambda pair: -pair[1])
