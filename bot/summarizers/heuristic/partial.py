"""Partial outcomes: the words around a decision that say only part of what was asked was given.

    partial_marker(sentence, verb_start, theme)   # True for "granted some of the demands",
    # "upheld three of five complaints", "a rise of 3%, rather than the 6% requested"
    got_less_than_asked(sentence, after_verb)     # True for "gets one year, not three", "gets just
    # three nights after asking for 12"

Read within a bounded window around the decision, so the stage stays linear.
"""

from __future__ import annotations

from bot.summarizers.heuristic import lexicon as lx
from bot.summarizers.heuristic.tokens import Sentence
from bot.summarizers.heuristic.types import Phrase


def _idle_marker(toks, k: int) -> bool:
    """ "in the second half", "took part": words of part and half that measure no decision."""
    w, prev = toks[k].lower, toks[k - 1].lower if k > 0 else ""
    entry = lx.lookup(prev)
    return (w == "half" and prev in ("first", "second", "opening", "final")) or (
        w == "part" and entry is not None and entry.lemma == "take")


def partial_marker(sentence: Sentence, start: int, theme: Phrase | None, refusal: bool = False) -> bool:
    """Whether a decision at `start` on `theme` grants only part of what was asked. For a refusal
    (`refusal`), a marker inside what is refused or kept describes that thing: "upheld the
    temporary suspension" keeps it whole, where "partly upheld" and "granted a temporary licence" part."""
    toks = sentence.tokens
    lo = max(0, start - 3)
    hi = theme.end if theme is not None else min(len(toks), start + 6)
    own = theme.start if refusal and theme is not None and theme.start > start else hi
    words = {t.lower for k, t in enumerate(toks[lo:own], lo) if not _idle_marker(toks, k)}
    if words & lx.PARTIAL_MARKERS - {"some"}:
        return True
    if theme is not None:
        head = [t.lower for t in toks[max(0, theme.start - 1) : min(theme.end, theme.start + 5)]]
        if head and head[0] not in ("some", "most", "parts"):
            head = head[1:]  # make_phrase drops a leading "some"
        if head and head[0] in ("to", "with"):
            head = head[1:]  # "agreed to some of the demands"
        # "granted some of the demands", "accepted most of the plan", "agreed a compromise"
        if len(head) > 1 and head[0] in ("some", "most", "parts") and head[1] == "of":
            return True
        if "compromise" in head:
            return True
    # in or just after the object: "awarded a 4% rise, about half of what was asked", "a fraction
    # of the sum she sought", "upheld three of five complaints", "two of its four demands"
    first = theme.start if theme is not None else hi
    last = hi + 9
    for m in range(hi, min(len(toks) - 1, hi + 9)):
        if toks[m].text == "," and (toks[m + 1].lower in ("which", "who", "that") or toks[m + 1].lower.endswith("ing")):
            last = m  # "..., which will cover a third of the town", ", noting that half of claims fail": another clause
            break
    span = [t.lower for t in toks[first:last]][:28]
    if _less_than_asked(toks, first, hi) or _but_not_the_rest(toks, hi) or _only_for(toks, hi) \
            or _excepting(toks, hi):
        return True
    for k, w in enumerate(span[:-2]):
        # "an injunction covering just six of them", "only two of its demands": a count of a whole,
        # inside the object ("approved it, with just two of nine members against" counts votes)
        if first + k >= hi:
            break
        if w in ("just", "only") and (span[k + 1] in _COUNT_WORDS or span[k + 1].isdigit()) and span[k + 2] == "of":
            return True
    for k, w in enumerate(span[:-2]):
        if span[k + 1] != "of" or _idle_marker(toks, first + k):
            continue
        if w in _SHARE_WORDS or (k > 0 and span[k - 1] in ("a", "one") and w in _ORDINAL_SHARES):
            return True
        # a count of what was asked opens the object: "three of five complaints", "one of its two demands"
        after = span[k + 3] if span[k + 2] in ("the", "its", "their", "his", "her") and k + 3 < len(span) else span[k + 2]
        if k <= 1 and (w in _COUNT_WORDS or w.isdigit()) and (after in _COUNT_WORDS or after.isdigit()):
            return True
    return False


def _less_than_asked(toks, first: int, hi: int) -> bool:
    """ "a rise of <n> percent, rather than the <m> percent requested", "instead of the <m>% the union
    had sought": less than what was asked, named in or right after the object (an amount follows)."""
    for k in range(first, min(len(toks) - 1, hi + 10)):
        w, nxt = toks[k].lower, toks[k + 1].lower
        pair = (w, nxt) in (("rather", "than"), ("instead", "of"), ("short", "of"), ("less", "than")) or (
            w in (",", "but") and nxt == "not" and k >= hi)
        if pair or w == "below":
            amount = [t for t in toks[k + (1 if w == "below" else 2) : k + 5] if t.lower not in ("the", "all")]
            if not amount or not is_amount(amount[0]):
                if w in (",", "but"):
                    pass  # ", but not on the terms it asked for": read below
                else:
                    return False  # "less than a week after", "rather than the southern route": no amount asked
            else:
                return any(lx.lemma(t.lower) in lx.ASKING_LEMMAS for t in toks[k + 2 : k + 12])
        if w in (",", "but") and nxt == "not" and _on_other_terms(toks, k + 2):
            return True  # "granted the permit, but not on the terms the company asked for"
        if w in _LESSER and k <= hi + 3 and _than_asked(toks, k + 1):
            return True  # "a smaller grant than it had asked for", "a lower rise than the union wanted"
        if toks[k].text in (".", ";"):
            return False
    return False


_LESSER = frozenset("smaller less lower fewer shorter".split())
_ONLY_REACH = 5  # tokens from "for" to the "only" that limits it: "for the 2027 festival only"
_EXCEPTING = frozenset("minus except excluding".split())


def _only_for(toks, hi: int) -> bool:
    """ "granted a licence for 2027 only", "renewed for one year only": a grant limited to a time or
    an amount less than a standing one."""
    for k in range(max(0, hi - 4), min(len(toks) - 1, hi + 4)):
        if toks[k].lower != "for":
            continue
        for m in range(k + 1, min(len(toks), k + 1 + _ONLY_REACH)):
            if toks[m].lower == "only" and m > k + 1:
                between = toks[k + 1 : m]
                return any(t.text[:1].isdigit() or t.lower in _COUNT_WORDS or t.lower in lx.TIME_UNITS for t in between)
            if not toks[m].word:
                break
    return False


def _excepting(toks, hi: int) -> bool:
    """ "approved the plan, minus the car park", "everything except the tower": a part withheld."""
    for k in range(hi, min(len(toks) - 1, hi + 3)):
        if toks[k].lower in _EXCEPTING and toks[k + 1].lower in ("the", "its", "their", "his", "her", "a"):
            return True
        if toks[k].text in (".", ";"):
            return False
    return False


_BUT_NOT_REACH = 6  # tokens after the object to a "but not"
_WITHHELD_OPENERS = frozenset("the his her its their".split())  # ("but not for the reasons", "not on Monday")
_NOT_A_PART = frozenset("before without until yet unanimously immediately entirely".split())


def _but_not_the_rest(toks, hi: int) -> bool:
    """ "approved the homes, but not the car park", "agreed with her on the first point but not the
    second", "ordered his reinstatement but not his back pay": one part given, another withheld."""
    for k in range(hi, min(len(toks) - 2, hi + _BUT_NOT_REACH)):
        if toks[k].text in (".", ";", ":"):
            return False
        if toks[k].lower == "but" and toks[k + 1].lower == "not":
            nxt = toks[k + 2].lower
            return nxt in _WITHHELD_OPENERS and (k + 3 >= len(toks) or toks[k + 3].lower not in _NOT_A_PART)
    return False


def _than_asked(toks, k: int) -> bool:
    """ "<noun> than (it / the union) (had) asked for": "than" within a few words, then an ask."""
    than = next((m for m in range(k, min(len(toks), k + 4)) if toks[m].lower == "than"), -1)
    return than >= 0 and any(lx.lemma(t.lower) in ("request", "seek", "ask", "demand", "want", "propose")
                             for t in toks[than + 1 : than + 6])


_TERMS = frozenset("terms conditions scale basis hours size form".split())


def _on_other_terms(toks, k: int) -> bool:
    """ "on the terms (the company) asked for", "in the form it sought": what was asked, changed."""
    words = [t.lower for t in toks[k : k + 10]]
    if len(words) < 3 or words[0] not in ("on", "in", "at") or words[1] not in ("the", "its", "their") \
            or words[2] not in _TERMS:
        return False
    return any(w in _ASKING or lx.lemma(w) in ("ask", "seek", "request", "want", "propose") for w in words[3:])


_FRACTIONS_OF = frozenset("half third quarter fraction".split())
_SHARE_WORDS = frozenset("half part fraction portion share".split())
_ORDINAL_SHARES = frozenset("third quarter fifth sixth tenth".split())
_COUNT_WORDS = lx.COUNTS


_ASKING = frozenset("asking asked applying applied seeking sought requesting requested bidding wanting".split())
_GOT_SPAN = 16  # tokens from the verb to the contrast: "gets a year's funding — but not the three"


def is_amount(tok) -> bool:
    """An amount opens at the token: a number, a sum of money, a spelled count or a fraction."""
    w = tok.lower
    return tok.text[:1].isdigit() or tok.text[:1] in "£$€" or w in _COUNT_WORDS or w in _FRACTIONS_OF


def _value(tok) -> int | None:
    """A small count as a number ("three", "12", "a"/"one"), or None."""
    w = tok.lower
    if w in ("a", "an", "one"):
        return 1
    if w in _COUNT_WORDS:
        return lx.COUNT_WORDS.index(w) + 1
    return int(w) if w.isdigit() and len(w) < 7 else None


def got_less_than_asked(sentence: Sentence, after: int) -> bool:
    """What was won or received is told against the larger amount asked: "gets one summer, not
    three", "a year's funding, but not the three it asked for", "just three nights after asking for
    12 days", "a rise of 3%, rather than the 6% requested"."""
    toks = sentence.tokens
    end = min(len(toks) - 2, after + _GOT_SPAN)
    for k in range(after, end):
        w, nxt = toks[k].lower, toks[k + 1].lower
        if toks[k].text in (".", ";", ":"):
            return False
        if w in (",", "—", "–", "-", "but") and nxt == "not":
            rest = [t for t in toks[k + 2 : k + 5] if t.lower not in ("the", "all")]
            if not rest or not is_amount(rest[0]):
                return False
            got = next((_value(t) for t in toks[after:k] if _value(t) is not None), None)
            refused = _value(rest[0])
            if got is not None and refused is not None and refused <= got:
                return False  # "three points, not one": more than the other, not less than asked
            # "one year, not the three it asked for": the larger amount must be what was asked
            return any(t.lower in _ASKING or lx.lemma(t.lower) in ("ask", "seek", "request", "want")
                       for t in toks[k + 2 : k + 8])
        if w in ("after", "having") and nxt in _ASKING:
            got = next((_value(t) for t in toks[after:k] if _value(t) is not None), None)
            asked = next((_value(t) for t in toks[k + 2 : k + 6] if _value(t) is not None), None)
            if got is not None and asked is not None:
                return asked > got  # "got 12 days after asking for 3" is more, not less
            return any(is_amount(t) for t in toks[k + 2 : k + 6])
    return _less_than_asked(toks, after, after)


# --- amounts: what was given against what was asked, across the article -------------------------

_SCALES = {"m": 1e6, "million": 1e6, "mn": 1e6, "bn": 1e9, "billion": 1e9, "k": 1e3, "thousand": 1e3}
_CURRENCIES = "£$€"
_ASK_REACH = 14  # tokens after an ask that may hold its amount: "applied to raise the cap from 3,000 to 5,200"
_RELATIVE_ASK = 5  # tokens before an ask verb: "the 5,200 it had wanted", "the £2.4m the club sought"
_GIVEN_REACH = 8  # tokens after a grant's verb to the amount it gives: "approved a 6.5% rise"
_ASKS_MAX = 200  # spans of asking read per article: a bound on the comparison, whatever the input


def amount_at(toks, k: int) -> tuple[float, str] | None:
    """The amount a token states and its unit: "£2.4m" → (2.4e6, "£"), "9.8%" / "9.8 per cent" →
    (9.8, "%"), "5,200 flights" → (5200, "flight"). None for a year, a bare count or a word."""
    text = toks[k].text
    nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
    unit = ""
    if text[:1] in _CURRENCIES:
        unit, text = text[0], text[1:]
    if text.endswith("%"):
        unit, text = "%", text[:-1]
    scale = 1.0
    for suffix in ("bn", "mn", "m", "k") if unit in _CURRENCIES and unit else ():  # "£2.4m"; not "a 3m wall"
        if text.lower().endswith(suffix) and text[: -len(suffix)].replace(",", "").replace(".", "").isdigit():
            scale, text = _SCALES[suffix], text[: -len(suffix)]
            break
    digits = text.replace(",", "")
    if not digits or not digits.replace(".", "", 1).isdigit():
        return None
    if not unit and len(digits) == 4 and digits[:2] in ("19", "20") and "," not in text:
        return None  # a year
    value = float(digits) * scale
    if nxt in _SCALES and unit and unit in _CURRENCIES:
        value *= _SCALES[nxt]
    if not unit:
        if nxt in ("per", "percent"):
            unit = "%"
        elif nxt.isalpha() and nxt not in _SCALES and nxt not in ("to", "of", "and", "or", "in", "from", "a", "the"):
            unit = nxt.removesuffix("s")  # "5,200 flights", "4,000 night": the word after names the kind
        else:
            return None
    return value, unit


def _asked_amounts(sentences: list[Sentence], request_at: list[tuple[int, int]]) -> dict[str, float]:
    """The largest amount of each unit that a side asked for: after a request's verb, or in a
    relative clause after "the <amount>" ("the 5,200 it had wanted", "the £2.4m the club sought").
    A plain number in a relative clause has no unit of its own (the word after it is the clause's
    subject): it is kept under ANY_UNIT, compared with a given amount of any counted kind."""
    asked: dict[str, float] = {}

    def keep(unit: str, value: float) -> None:
        asked[unit] = max(asked.get(unit, 0.0), value)

    read = 0
    for s_idx, i in request_at:
        toks = sentences[s_idx].tokens
        for k in range(i + 1, min(len(toks), i + 1 + _ASK_REACH)):
            if toks[k].text in (".", ";"):
                break
            if (found := amount_at(toks, k)) is not None:
                keep(found[1], found[0])
        read += 1
        if read >= _ASKS_MAX:
            break
    for sentence in sentences:
        toks = sentence.tokens
        for k, t in enumerate(toks):
            if read >= _ASKS_MAX:
                return asked
            if k == 0 or lx.lemma(t.lower) not in lx.ASKING_LEMMAS:
                continue
            read += 1
            # not "found 70% of residents want a pool": a share of people, no "the <amount>" before
            the = next((m for m in range(k - 1, max(-1, k - _RELATIVE_ASK - 1), -1) if toks[m].lower == "the"), -1)
            if the < 0 or the + 1 >= k or (found := amount_at(toks, the + 1)) is None:
                continue
            value, unit = found
            keep(unit if unit == "%" or unit in _CURRENCIES else ANY_UNIT, value)
    return asked


ANY_UNIT = "#"


def granted_less_than_asked(sentences: list[Sentence], decision_sentence: int, verb_index: int,
                            request_at: list[tuple[int, int]]) -> bool:
    """A grant of an amount smaller than the one asked, told anywhere in the article: "approved a
    6.5% rise" after "asked for 9.8%", "awarded £1.5m" after "applied for £2.4m"."""
    toks = sentences[decision_sentence].tokens
    given = None
    for k in range(verb_index + 1, min(len(toks), verb_index + 1 + _GIVEN_REACH)):
        if toks[k].text in (".", ";", ","):
            break
        found = amount_at(toks, k)
        if found is not None and toks[k - 1].lower != "from":  # "cut from 3,000": a baseline, not what was given
            given = found
            break
    if given is None:
        return False
    amounts = _asked_amounts(sentences, request_at)
    unit = given[1]
    asked = max(amounts.get(unit, 0.0), 0.0 if unit == "%" or unit in _CURRENCIES else amounts.get(ANY_UNIT, 0.0))
    return asked > 0 and given[0] < 0.95 * asked


_CONTRAST_OPENERS = frozenset("however but yet".split())
_LIMITING = frozenset("""limit limits limited restrict restricts restricted cap caps capped confine confines confined
reduce reduces reduced cut cuts trim trims trimmed lower lowers lowered""".split())


def limited_right_after(sentences: list[Sentence], decision_sentence: int) -> bool:
    """The sentence after a grant opens on a contrast and tells less than was asked: "Ofcom awarded
    the licence. However, it limited coverage to 5km, rather than the 15km the station had applied
    for." The grant was a partial one."""
    nxt = decision_sentence + 1
    if nxt >= len(sentences):
        return False
    toks = sentences[nxt].tokens
    if not toks or toks[0].lower not in _CONTRAST_OPENERS:
        return False
    # the contrast limits the grant itself ("limited coverage to 5km"), not another party's award
    if not any(t.lower in _LIMITING for t in toks):
        return False
    return _less_than_asked(toks, 1, len(toks) - 1)
