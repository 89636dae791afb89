"""Attribution: is an event narrated, or reported speech — and whose?

    attribution_of(sentence, i)   # Attribution(quoted, speaker)

    'The board rejected the bid.'                     narrated
    'The board said it had rejected the bid.'         speaker "The board" (the actor itself: a decision)
    'Critics say the board will reject the bid.'      speaker "Critics" (someone else: weaker evidence)
    '"We will never approve it," he said.'            quoted

Reported speech is evidence of what someone said, not by itself a decision; the choice stage
weighs it with the speaker. Reads a bounded window either side of the trigger.
"""

from __future__ import annotations

from bot.summarizers.heuristic import lexicon as lx
from bot.summarizers.heuristic.tokens import Sentence
from bot.summarizers.heuristic.types import Attribution

_WINDOW = 25


def attribution_of(sentence: Sentence, index: int) -> Attribution:
    toks = sentence.tokens
    quoted = toks[index].quoted
    speaker = None
    # a speech verb before the trigger: "X said (that) ... <trigger>"
    lo = max(0, index - _WINDOW)
    for j in range(index - 1, lo - 1, -1):
        word = toks[j].lower
        if word == "according" and j + 1 < len(toks) and toks[j + 1].lower == "to":
            speaker = _span_right(sentence, j + 2)
            break
        nxt = toks[j + 1].lower if j + 1 < len(toks) else ""
        if lx.is_attribution(word, nxt) and (j == 0 or toks[j - 1].lower not in lx.DETERMINERS):
            speaker = _span_left(sentence, j)
            break
    if speaker is None:
        # after it: '... rejected the bid, the chairman said.'
        hi = min(len(toks), index + _WINDOW)
        for j in range(index + 1, hi):
            word = toks[j].lower
            if word == "according" and j + 1 < len(toks) and toks[j + 1].lower == "to":
                speaker = _span_right(sentence, j + 2)
                if _a_record(speaker):
                    speaker = None  # "according to a written decision": the record itself, narrated
                break
            nxt = toks[j + 1].lower if j + 1 < len(toks) else ""
            if lx.is_attribution(word, nxt) and j > 0 and toks[j - 1].lower in (",", '"', "”", "'"):
                speaker = _span_right(sentence, j + 1) or _span_left(sentence, j)
                break
            if lx.is_attribution(word, "that") and nxt in (".", "!", "?") and word not in ("claim", "report", "state", "note"):
                speaker = _span_left(sentence, j)
                break
    return Attribution(quoted=quoted, speaker=speaker)


# documents an outcome is read from, which report it as a record does, not as a party's claim
_RECORDS = frozenset("""decision decisions ruling rulings judgment judgement order orders filing filings records
documents papers minutes transcript letter""".split())


def _a_record(span: str | None) -> bool:
    return span is not None and any(w.strip(".,").lower() in _RECORDS for w in span.split()[:4])


def _span_left(sentence: Sentence, j: int) -> str | None:
    toks = sentence.tokens
    k = j - 1
    while k >= 0 and j - k <= 6 and toks[k].word and toks[k].lower not in lx.CLAUSE_BREAKS:
        k -= 1
    text = sentence.span(k + 1, j)
    return text or None


def _span_right(sentence: Sentence, j: int) -> str | None:
    toks = sentence.tokens
    k = j
    while k < len(toks) and k - j < 6 and toks[k].word and toks[k].lower not in lx.CLAUSE_BREAKS:
        k += 1
    text = sentence.span(j, k)
    return text or None
