"""A hard per-article budget: how much text is read and for how long.

    budget = Budget.start()
    for sentence in sentences:
        if budget.spent():
            break          # answer with what was found so far

Every stage is linear in the text it reads; the budget bounds that text and the wall time, so
no input (a 1 MB paragraph, a page of tables) can pin a worker.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

MAX_CHARS = 120_000  # characters of article text analysed; decisions sit in the first screens
MAX_SENTENCES = 400
MAX_SENTENCE_TOKENS = 120  # a longer "sentence" (a list, a table row dump) is read in its first part
SECONDS = 1.0  # wall time per article, after which the stages stop and answer with what they have


@dataclass(slots=True)
class Budget:
    deadline: float
    max_chars: int = MAX_CHARS
    max_sentences: int = MAX_SENTENCES
    max_sentence_tokens: int = MAX_SENTENCE_TOKENS

    @classmethod
    def start(cls, seconds: float = SECONDS) -> Budget:
        return cls(deadline=time.perf_counter() + seconds)

    def spent(self) -> bool:
        return time.perf_counter() >= self.deadline
