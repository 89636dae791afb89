"""Noun phrases around a verb: the subject to its left, the object to its right, a by-agent.

    subject_left(sentence, verb_start)   # "The South Korean government" in "... government ultimately declined"
    object_right(sentence, i + 1)        # "the weapon sales" (stops at ", citing ...")

No tagger: a phrase is the run of words up to a clause boundary (punctuation, "that", "which",
"because", a speech verb...), trimmed of leading determiners and time words. Each walk reads at
most a fixed number of tokens, so the stage is linear in the sentence.
"""

from __future__ import annotations

from bot.summarizers.heuristic import lexicon as lx
from bot.summarizers.heuristic.tokens import Sentence
from bot.summarizers.heuristic.types import Phrase

SUBJECT_MAX = 9
OBJECT_MAX = 22
_PUNCT_STOP = frozenset(",;:()[]\"“”—–-.!?")
_QUOTES = frozenset("\"“”‘’'")
_LEFT_PREPS = frozenset("in on at with from under after by over to into during within for about amid".split())
_RIGHT_STOPS = frozenset("""because after saying citing as when while despite but which who whom whose since
although though whereas unless if until amid following so said says according
later earlier yesterday today tomorrow""".split())
MONTHS = frozenset("""january february march april may june july august september october november
december""".split())
_SUBJECT_PRONOUNS = frozenset("it they he she we i you".split())
_WH = frozenset("whether how why what where when who whom".split())
# lowercase words that end a name when walking through one ("a complaint from X | about how ...")
NAME_STOPS = frozenset("""about how whether why what who whom which that over into with to for on in at
against from after before because since as while when where if and or but than until""".split())
_CONTINUE_AFTER_COMMA = frozenset(["including", "such", "plus", "notably"])


def abbreviation_dot(toks, k: int) -> bool:
    """The dot of "U.S." or "St." inside a sentence (the sentence splitter ends sentences, so a dot
    that ends none, glued to the word before it, belongs to an abbreviation)."""
    return toks[k].text == "." and 0 < k < len(toks) - 1 and toks[k - 1].word and toks[k - 1].end == toks[k].start \
        and (toks[k + 1].word or toks[k + 1].text == ",")  # ("Acme Co., which ...")


def make_phrase(sentence: Sentence, start: int, end: int) -> Phrase | None:
    toks = sentence.tokens
    while start < end and (toks[start].lower in lx.DETERMINERS - {"its", "their", "his", "her"}
                           or not toks[start].word):
        start += 1
    while end > start and not toks[end - 1].word:
        end -= 1
    if start >= end:
        return None
    words = [t.lower for t in toks[start:end]]
    if all(w in lx.PREPOSITIONS or w in ("to", "and", "or") for w in words):
        return None  # "had asked for.": a stranded preposition names nothing
    # a capital that starts the sentence says nothing (nor do a headline's title-case capitals,
    # which the headline's first word stands for); an acronym always names
    named = any(
        (t.cap and k > 0 and not (sentence.headline and _title_case(sentence))) or acronym(t.text)
        for k, t in enumerate(toks[start:end], start)
        if t.word and t.lower not in lx.PRONOUNS
    )
    head = words[-1].removesuffix("'s").removesuffix("’s")
    authority = any(w.removesuffix("'s").removesuffix("’s") in lx.AUTHORITY_HEADS for w in words)
    pronoun = (len(words) == 1 and words[0] in lx.PRONOUNS) or (
        len(words) <= 2 and head in lx.BACK_NOUNS and not named
    ) or _description(sentence, start, end) or (
        # "its organisers", "their backers": an owner that points back to a named party
        2 <= len(words) <= 3 and words[0] in ("its", "their") and not named and not authority)
    return Phrase(sentence.span(start, end), start, end, named=named, authority=authority, pronoun=pronoun)


_DEMONYM_ENDINGS = ("an", "ese", "ish", "ch", "i")


def _description(sentence: Sentence, start: int, end: int) -> bool:
    """A definite description that points back like a pronoun: "the Russian oil firm", "the US
    carrier" — "the" before it, a back noun ("firm", "club") as head, and no name but a nationality."""
    toks = sentence.tokens
    if start == 0 or toks[start - 1].lower != "the" or not 2 <= end - start <= 4:
        return False
    if toks[end - 1].lower.removesuffix("'s").removesuffix("’s") not in lx.BACK_NOUNS:
        return False
    for t in toks[start : end - 1]:
        if not t.word or t.lower in lx.AUTHORITY_HEADS:
            return False
        if t.cap and not (t.lower.endswith(_DEMONYM_ENDINGS) or (t.text.isupper() and len(t.text) <= 3)):
            return False
    return True


def _title_case(sentence: Sentence) -> bool:
    """A headline that capitalises most words ("Council Rejects Stadium Plan")."""
    words = [t for t in sentence.tokens if t.word and t.text[:1].isalpha()]
    return len(words) > 2 and sum(t.cap for t in words) > 0.7 * len(words)


def acronym(text: str) -> bool:
    """ "IPSO", "CMA": a name written in initials (a possessive "'s" aside)."""
    text = bare(text)
    return len(text) >= 2 and text.isupper() and text.isalpha()


def bare(text: str) -> str:
    """A word or phrase without its possessive ending: "club's" → "club", "the FCA’s" → "the FCA"."""
    return text.removesuffix("'s").removesuffix("’s")


_HEAD_STOPS = frozenset("of on for to over about against into by from with in that".split())


def word_set(phrase: Phrase | None, limit: int | None = None) -> set[str]:
    """A phrase's words (its first `limit`), lowercased, without the punctuation at their edges: what
    the lexicon's sets are tested against."""
    if phrase is None:
        return set()
    return {w.lower().strip(".,'’") for w in phrase.text.split()[:limit]}


def head_word(phrase: Phrase | None) -> str:
    """A phrase's head noun, lowercased: its last word before a preposition or a "to" clause ("its
    legal fight to make..." → "fight", "their bid for lottery money" → "bid")."""
    if phrase is None:
        return ""
    head = ""
    for w in phrase.text.lower().split():
        if w in _HEAD_STOPS:
            break
        head = w.strip(".,;:'\"“”’")
    return head


def _purpose_of(toks, verb_start: int) -> int | None:
    """For an infinitive after a prepositional phrase ("has written | to the minister | to offer"),
    where the main verb group starts; None otherwise ("asked the board to approve": the board is
    the subject of "approve")."""
    to = verb_start if verb_start < len(toks) and toks[verb_start].lower == "to" else verb_start - 1
    if to < 2 or toks[to].lower != "to":
        return None
    # the noun phrase before "to", back to its preposition
    k = to - 1
    while k >= 0 and to - k <= 6 and toks[k].word and toks[k].lower not in _LEFT_PREPS and not _verb_form(toks[k].lower):
        k -= 1
    if k < 1 or k == to - 1 or toks[k].lower not in _LEFT_PREPS:
        return None
    # the verb group before that preposition
    m = k
    while m > 0 and (toks[m - 1].lower in lx.AUX or toks[m - 1].lower in lx.ADVERBS or _verb_form(toks[m - 1].lower)) \
            and not toks[m - 1].cap:
        m -= 1
    return m if m < k else None


COMMA_ASIDE_MAX = 14


APPOSED_MAX = 5


def apposed_name(sentence: Sentence, end: int) -> Phrase | None:
    """A name set off by commas just before the verb: "the applicant, Fairway Stores, | had"."""
    toks = sentence.tokens
    if end < 4 or toks[end - 1].text != ",":
        return None
    k = end - 2
    while k >= 0 and end - 1 - k <= APPOSED_MAX and toks[k].word and (toks[k].cap or toks[k].lower in ("of", "and", "&")):
        k -= 1
    if k < 1 or toks[k].text != "," or k == end - 2 or not toks[k + 1].cap or not toks[k - 1].word:
        return None
    return make_phrase(sentence, k + 1, end - 1)


# what opens an aside between a subject and its verb: a relative, an apposition, or a circumstance
# ("The panel, after a three-hour hearing, | dismissed", "The board, despite objections, | approved")
_ASIDE_OPENERS = frozenset("""which who whose a an the its now itself based after following despite
in on at under without""".split())


def _before_aside(toks, end: int) -> int:
    """Where the subject ends when a comma-bound aside sits between it and its verb: "The airline,
    which employs 3,000 people, | filed", "Judge Ann Reyes, sitting in Leeds, | adjourned"."""
    if end < 2 or toks[end - 1].text != ",":
        return end
    for k in range(end - 2, max(0, end - COMMA_ASIDE_MAX) - 1, -1):
        t = toks[k]
        if t.text == ",":
            first = toks[k + 1].lower if k + 1 < end else ""
            aside = first in _ASIDE_OPENERS or (first.endswith(("ing", "ed")) and not toks[k + 1].cap)
            return k if aside and k > 0 and (toks[k - 1].word or abbreviation_dot(toks, k - 1)) else end
        if not (t.word or t.text in ("'", "’", "%", "-", "(", ")")):
            return end
    return end


def subject_left(sentence: Sentence, verb_start: int, _depth: int = 0) -> Phrase | None:
    toks = sentence.tokens
    if _depth == 0 and verb_start > 1 and toks[verb_start - 1].lower == "and":
        # "X reviewed the file, and | asked the court to...": a verb after "and" with nothing
        # between has no subject of its own, and shares the clause's first verb's
        return _shared_subject(sentence, verb_start - 1)
    if _depth == 0 and (main := _purpose_of(toks, verb_start)) is not None:
        # "X has written to the minister | to offer": the infinitive's subject is the main clause's
        return subject_left(sentence, main, _depth + 1)
    end = verb_start
    # "the court, which rejected": the relative pronoun stands for the phrase before it
    if end > 0 and toks[end - 1].lower in ("who", "which", "that"):
        end -= 1
        if end > 0 and toks[end - 1].text == ",":
            end -= 1
    end = _before_time_adjunct(toks, end)
    named = apposed_name(sentence, end)
    if named is not None:
        return named  # "The airport's owner, Stansfield Holdings, | applied": the name
    end = _before_aside(toks, end)
    k = end - 1
    if k >= 0 and toks[k].lower in _SUBJECT_PRONOUNS:
        return make_phrase(sentence, k, end)  # "... whether they | appealed": the subject is "they"
    while k >= 0 and end - k <= SUBJECT_MAX:
        t = toks[k]
        w = t.lower
        if w in _SUBJECT_PRONOUNS or w in _WH:
            break
        if w in ("the", "a", "an") and k > 0 and (toks[k - 1].text[:1].isdigit() or toks[k - 1].text[:1] in "£$€"):
            k -= 1  # "the 120 | the police authority had asked for": an amount, then its asker's clause
            break
        if w in ("its", "their", "his", "her", "our") and k < end - 1 and k > 0 and toks[k - 1].word \
                and toks[k - 1].lower not in _INNER_PREPS | _LEFT_PREPS | {"and", "or"}:
            k -= 1  # "the licence | its organisers had sought": a possessive opens the subject
            break
        if (w in _PUNCT_STOP or not (t.word or w in ("'", "’", "&"))) and not abbreviation_dot(toks, k):
            break
        if w in lx.CLAUSE_BREAKS and w not in ("and",):
            break
        if w == "and" and not (k > 0 and toks[k - 1].cap and k + 1 < len(toks) and toks[k + 1].cap):
            break  # "X and Y" names stay together; "..., and the board rejected" splits
        if w in _LEFT_PREPS and not (k > 0 and toks[k - 1].cap and k + 1 < len(toks) and toks[k + 1].cap) \
                and not (w in _INNER_PREPS and 0 < k < end - 1 and _noun_before(toks[k - 1])):
            if _depth == 0 and k > 1 and _reduced_relative(toks, k):
                # "Campaigners opposed to the expansion | have lost": the head before the participle
                return subject_left(sentence, k - 1, _depth + 1)
            if _depth == 0 and (ing := _ing_modifier_before(toks, k)) is not None:
                # "Developers hoping to build on the site | must wait": the head before "hoping"
                return subject_left(sentence, ing, _depth + 1)
            break  # "Reporters covering the trial in Texas | asked": the phrase goes on past "in"
        if w in lx.TIME_WORDS and t.cap is False:
            if _depth == 0 and w in _LEFT_PREPS and (ing := _ing_modifier_before(toks, k)) is not None:
                return subject_left(sentence, ing, _depth + 1)  # "Developers hoping to build on the site | must"
            break
        if k < end - 1 and lx.is_attribution(w, toks[k + 1].lower):
            break
        if _verb_form(t.lower) and not t.cap:
            break  # another verb's group: "residents have praised | the council's decision"
        k -= 1
    start = k + 1
    if _depth == 0 and k > 1 and _verb_form(toks[k].lower) and toks[k - 1].lower in ("who", "which", "that") \
            and toks[k - 2].word and not _verb_form(toks[k - 2].lower) and not lx.is_attribution(toks[k - 2].lower):
        # "A former director [who accused the firm of bias] | has been awarded": the head before "who"
        return subject_left(sentence, k - 1, _depth + 1)
    # a participle that modifies the head ends the name: "Reporters | covering the trial in Texas"
    for j in range(start + 1, end - 1):
        w = toks[j].lower
        prev, nxt = toks[j - 1].lower, toks[j + 1].lower
        if w.endswith("ing") and len(w) > 5 and not toks[j].cap and (toks[j - 1].cap or prev.endswith("s")) \
                and toks[j - 1].word and prev not in lx.DETERMINERS and not prev.endswith(("'s", "’s", "'")) \
                and nxt not in lx.AUTHORITY_HEADS and j + 1 < end - 1 and lx.lookup(w) is None:
            end = j
            break
    # drop trailing adverbs: "Ukraine specifically sought", "the delegation even requested"
    while end > start and toks[end - 1].lower.endswith("ly") and not toks[end - 1].cap \
            and toks[end - 1].lower not in LY_NOUNS:
        end -= 1
    while end > start and toks[end - 1].lower in ("even", "also", "now", "then", "still", "yet", "only"):
        end -= 1
    # drop a leading time expression or adverb: "Last week the council", "Now the union"
    while start < end - 1 and toks[start].lower in lx.ADVERBS and toks[start].lower not in lx.TIME_WORDS:
        start += 1
    while start < end and (
        (toks[start].lower in lx.TIME_WORDS and toks[start].lower not in ("this",))
        or toks[start].lower in MONTHS or (toks[start].text.isdigit() and len(toks[start].text) == 4)
    ):
        start += 1
    return make_phrase(sentence, start, end)


_NEW_CLAUSE = frozenset("but while whereas although though because since as if unless when after before".split())
# past forms of common verbs no lexicon lists, which end a subject: "The committee | met on Monday and"
_IRREGULAR_PASTS = frozenset("met heard sat went took made gave held found left came began spent kept brought".split())
SHARED_SUBJECT_REACH = 4  # tokens after a clause opens within which the shared subject must start


def _shared_subject(sentence: Sentence, and_at: int) -> Phrase | None:
    """The subject of the first verb of the clause an "and" goes on: "The firm said it had met
    every condition, and asked the board to..." → "The firm". None when the clause is quoted or
    its first verb's subject does not open it (so "the wait" of a "that"-clause is never taken)."""
    toks = sentence.tokens
    begin = 0
    for k in range(and_at - 1, -1, -1):
        if toks[k].text in (";", ":") or toks[k].lower in _NEW_CLAUSE:
            begin = k + 1
            break
    if any(t.quoted or t.text in ('"', "“", "”") for t in toks[begin : and_at + 1]):
        return None  # a quotation's subject speaks for the quoted, not the narrator
    if toks[and_at - 1].text != "," and any(t.lower == "that" for t in toks[begin:and_at]):
        # no comma, and a "that"-clause between: "heard that the tenant had complained for years and
        # asked the council" may go on either clause; "X argued that ..., and asked" goes on the first
        return None
    for j in range(begin + 1, and_at):
        if toks[j - 1].lower in ("who", "which", "that"):
            continue
        if _a_finite_verb(toks, j):
            found = subject_left(sentence, j, 1)
            if found is None or found.start > begin + SHARED_SUBJECT_REACH:
                return None
            return found
    return None


def _a_finite_verb(toks, j: int) -> bool:
    """A word that can head a clause's verb group here: an auxiliary, a common irregular past, a
    speech verb or a lexicon verb — not a modifier after a determiner or possessive, nor an -ing."""
    w, prev = toks[j].lower, toks[j - 1].lower if j > 0 else ""
    if toks[j].cap or not toks[j].word or prev in lx.DETERMINERS or prev.endswith(("'s", "’s")) or w.endswith("ing"):
        return False  # (not "the council's | licensing committee")
    nxt = toks[j + 1].lower if j + 1 < len(toks) else ""
    return (w in lx.AUX and w != "to") or w in _IRREGULAR_PASTS or lx.is_attribution(w, nxt) \
        or (_verb_form(w) and lx.lookup(w) is not None)


_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def _ing_modifier_before(toks, prep: int) -> int | None:
    """The "-ing" participle of a modifier that a preposition ends ("Developers | hoping to build
    on"), right after a plural or a name, a few words back."""
    for j in range(prep - 1, max(0, prep - 5), -1):
        t = toks[j]
        if not t.word or t.lower in lx.AUX - {"to"}:
            return None
        prev = toks[j - 1]
        if t.lower.endswith("ing") and len(t.lower) > 5 and not t.cap and prev.word \
                and (prev.cap or prev.lower.endswith("s")) and prev.lower not in lx.DETERMINERS:
            return j
    return None


def _reduced_relative(toks, prep: int) -> bool:
    """A preposition after a participle that follows a noun: "campaigners opposed to", "a group
    backed by", "firms based in" — the participle modifies the noun before it."""
    part, noun = toks[prep - 1], toks[prep - 2]
    if part.cap or not (part.lower.endswith("ed") or lx.is_participle(part.lower)) or part.lower in lx.AUX:
        return False
    entry = lx.lookup(part.lower)
    if entry is not None and entry.kind in ("decide", "attrib"):
        return False  # "The board voted on Monday ...": a main verb, not a modifier
    return noun.word and not _verb_form(noun.lower) and noun.lower not in lx.PRONOUNS \
        and noun.lower not in lx.DETERMINERS and noun.lower not in lx.CLAUSE_BREAKS and not noun.lower.endswith("ly")


def _before_time_adjunct(toks, end: int) -> int:
    """Where a subject ends when a time adjunct sits between it and its verb: "The regulator on
    Thursday | approved", "The board last week | rejected", "The council yesterday | refused"."""
    if end >= 1 and toks[end - 1].lower in ("yesterday", "today") and end >= 2 and toks[end - 2].word:
        return end - 1
    if end >= 4 and toks[end - 2].lower in _DAYS and toks[end - 3].lower == "on" \
            and toks[end - 1].lower in ("night", "morning", "afternoon", "evening"):
        return end - 3  # "The board on Tuesday night | rejected"
    if end >= 4 and toks[end - 2].lower in MONTHS and toks[end - 3].lower == "in" and toks[end - 1].text.isdigit():
        return end - 3  # "The council in May 2023 | approved"
    if end >= 3 and toks[end - 1].lower in _DAYS | MONTHS and toks[end - 2].lower in ("on", "in"):
        return end - 2
    if end >= 3 and toks[end - 2].lower in ("last", "this", "earlier") \
            and toks[end - 1].lower in ("week", "month", "year", "night", "summer", "autumn", "spring", "winter"):
        return end - 3 if end >= 4 and toks[end - 3].lower == "earlier" else end - 2  # "earlier this week"
    return end


# prepositions that can sit inside a subject ("lawyers for the firm", "residents in the town")
_INNER_PREPS = frozenset("in on at with from for of under over about into to".split())


def _noun_before(t) -> bool:
    """A word that can end the noun phrase a preposition attaches to: a name, or a lowercase
    word that is no verb, function word or time word."""
    w = t.lower
    if not t.word or w in lx.CLAUSE_BREAKS or w in lx.DETERMINERS or w in lx.PRONOUNS or w in lx.TIME_WORDS:
        return False
    if w in _LEFT_PREPS or w in _INNER_PREPS or w in lx.AUX or w in lx.NEGATORS or w.endswith("ly"):
        return False
    return t.cap or not _verb_form(w)


# nouns that end like adverbs ("the family", "the assembly")
LY_NOUNS = frozenset("""family families assembly assemblies supply ally allies rally monopoly anomaly reply
italy july""".split())

PASSIVE_SUBJECT_MAX = 16
_THEME_INNER = frozenset("of for to on in at from by with over against about into".split())


def passive_subject(sentence: Sentence, verb_start: int, _depth: int = 0) -> Phrase | None:
    """The subject of a passive verb, which is what was decided on: it may be long ("Plans for a
    superstore on the edge of town have been turned down", "An attempt to stop X was thrown out")."""
    toks = sentence.tokens
    end = verb_start
    if end > 0 and toks[end - 1].lower in ("who", "which", "that"):
        end -= 1
        if end > 0 and toks[end - 1].text == ",":
            end -= 1
    k = end - 1
    while k >= 0 and end - k <= PASSIVE_SUBJECT_MAX:
        t = toks[k]
        w = t.lower
        if abbreviation_dot(toks, k):
            k -= 1
            continue
        if w in _PUNCT_STOP and not (w == "-"):
            break
        if not (t.word or w in ("'", "’", "&")):
            break
        if w in lx.CLAUSE_BREAKS and w not in _THEME_INNER:
            break
        if w in _SUBJECT_PRONOUNS or lx.is_attribution(w, toks[k + 1].lower if k + 1 < len(toks) else ""):
            break
        if _verb_form(w) and not t.cap and w != "to" and not (
            k > 0 and (toks[k - 1].lower == "to" or toks[k - 1].lower in lx.DETERMINERS)
        ):
            break
        k -= 1
    start = k + 1
    if _depth < 2 and k > 1 and _verb_form(toks[k].lower) and toks[k - 1].lower in ("who", "which") \
            and toks[k - 2].word and not _verb_form(toks[k - 2].lower):
        # "A former director [who accused the firm of bias] | has been awarded": the head before "who"
        return passive_subject(sentence, k - 1, _depth + 1)
    # a leading adverbial ("In 2004 the plan was...", "Last week plans were...") is not the subject
    while start < end and (toks[start].lower in _LEFT_PREPS or toks[start].lower in lx.TIME_WORDS
                           or toks[start].lower in MONTHS or toks[start].text.isdigit()):
        if toks[start].lower in _LEFT_PREPS:
            nxt = start + 1
            while nxt < end and toks[nxt].lower not in lx.DETERMINERS and not toks[nxt].cap:
                nxt += 1
            start = nxt
            continue
        start += 1
    return make_phrase(sentence, start, end)


def object_right(sentence: Sentence, start: int, limit: int = OBJECT_MAX) -> Phrase | None:
    toks = sentence.tokens
    k = start
    n = len(toks)
    while k < n and k - start < limit:
        t = toks[k]
        w = t.lower
        if w == "," and k + 1 < n and (toks[k + 1].lower in _CONTINUE_AFTER_COMMA or _list_goes_on(toks, k)):
            k += 1
            continue
        if w in _QUOTES and k > start and k + 1 < n and toks[k + 1].word and toks[k - 1].word:
            k += 1  # 'asked the council to "think again" about': a quotation inside the phrase
            continue
        if w in _QUOTES and k > start and k + 1 < n and toks[k + 1].word and toks[k - 1].lower in _QUOTES:
            k += 1
            continue
        if w == "(" and k > start and (close := _aside_end(toks, k)) > 0:
            k = close + 1  # "a $280bn (£155bn) claim": a bracketed aside inside the phrase
            continue
        if w in _PUNCT_STOP and not (w == "-" ) and not abbreviation_dot(toks, k):
            break
        if w in _RIGHT_STOPS or w in lx.NEGATORS:
            break
        if w == "and" and k + 1 < n and (toks[k + 1].lower in lx.PRONOUNS or _verbish(toks[k + 1].lower)):
            break
        if w == "on" and k + 1 < n and toks[k + 1].lower in lx.TIME_WORDS:
            break
        if w in lx.REASON_CUES_FIRST:
            break
        if _finite_clause_at(toks, k, start):
            break
        k += 1
    return make_phrase(sentence, start, k)


_FINITE_AUX = lx.HAVE | frozenset("is are was were".split())


def _finite_clause_at(toks, k: int, start: int) -> bool:
    """ "(Police investigating) the death of a cyclist | have renewed their appeal": a perfect or
    passive auxiliary after a noun starts the sentence's main verb, which no object runs into (not
    "to have it demolished", nor "could have been")."""
    if toks[k].lower not in _FINITE_AUX or k < start + 2 or k + 1 >= len(toks):
        return False
    prev = toks[k - 1].lower
    if not toks[k - 1].word or prev == "to" or prev in lx.AUX or prev in lx.NEGATORS or prev in lx.PRONOUNS:
        return False
    if any(t.lower in _CLAUSE_OPENERS for t in toks[start:k]):
        return False  # "the finding that the firm had failed": a clause inside the object has its own verb
    if not lx.is_participle(toks[k + 1].lower):
        return False
    if toks[k].lower in lx.BE or any(t.lower == "and" or t.text == "," for t in toks[start:k]):
        return True  # "(the pub's request for a licence) | was refused", "(bail), and the application | was"
    # the main verb goes on to an object of its own ("have renewed | their appeal"); a relative
    # without "that" ends on its gap ("the offer Crane Capital had submitted | .")
    after = toks[k + 2] if k + 2 < len(toks) else None
    return after is not None and after.word and (after.lower in lx.DETERMINERS or after.cap or after.text[:1].isdigit())


_CLAUSE_OPENERS = frozenset("that whether which who whom if when because after before while".split())


ASIDE_MAX = 8


def _aside_end(toks, opening: int) -> int:
    """The ")" that closes a short bracketed aside opened at `opening`, or -1 when there is none
    (or the brackets hold a clause, with a verb of its own)."""
    for k in range(opening + 1, min(len(toks), opening + ASIDE_MAX + 1)):
        w = toks[k].lower
        if w == ")":
            return k if k > opening + 1 and k + 1 < len(toks) and toks[k + 1].word else -1
        if w in ("(", ".", ";") or (w in lx.AUX and not toks[k].cap):
            return -1
    return -1


def _list_goes_on(toks, comma: int) -> bool:
    """ "X, Y, and Z": a comma inside a list of nouns, which ends with "and"/"or" and no verb."""
    for k in range(comma + 1, min(len(toks), comma + 10)):
        w = toks[k].lower
        if w in ("and", "or"):
            return k > comma + 1 or (k + 1 < len(toks) and toks[k + 1].word)
        if w in _PUNCT_STOP and w != ",":
            return False
        if _verb_form(w) and not toks[k].cap:
            return False
    return False


_FRACTIONS = frozenset("half third quarter fifth tenth".split())
_APPROX = frozenset("almost nearly about around roughly just".split())


def _amount_after_by(toks, k: int) -> bool:
    """ "by 20%", "by half", "by a third", "by almost half", "by nearly £1m" — not "by a panel"."""
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None:
        return False
    if nxt.text[:1].isdigit() or nxt.text[:1] in "£$€" or nxt.lower in _FRACTIONS:
        return True
    after = toks[k + 2] if k + 2 < len(toks) else None
    if after is None:
        return False
    if nxt.lower in ("a", "one") and after.lower in _FRACTIONS:
        return True
    return nxt.lower in _APPROX and (after.text[:1].isdigit() or after.text[:1] in "£$€" or after.lower in _FRACTIONS
                                     or after.lower in ("a", "one"))
_AMOUNT_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve half a an".split())


_GIVEN_STARTS = frozenset("a an permission planning leave bail asylum consent approval".split())


_NOT_GIVEN_ON = frozenset("to for of".split())  # "permission to build", "leave for": the thing goes on


def _by_after_given(toks, k: int, reach: int, stops: frozenset[str]) -> int:
    """The "by" that follows what a passive verb gave or took ("£40,000", "a premises licence"),
    within `reach` tokens; else k."""
    m = k + 1
    while m < len(toks) and m < k + reach and toks[m].word and toks[m].lower != "by" and toks[m].lower not in stops \
            and not _verb_form(toks[m].lower):
        m += 1
    return m if m < len(toks) and toks[m].lower == "by" else k


def agent_after(sentence: Sentence, start: int) -> tuple[Phrase | None, int]:
    """A by-agent within a few tokens after a passive verb: "was rejected (yesterday) by the board"."""
    toks = sentence.tokens
    k = start
    # "was cut to five matches by", "was reduced from £2m to £400,000 by": past the new amount
    while k + 1 < len(toks) and k < start + 8 and toks[k].lower in ("to", "from") and (
            toks[k + 1].text[:1].isdigit() or toks[k + 1].text[:1] in "£$€" or toks[k + 1].lower in _AMOUNT_WORDS):
        k += 2
        while k < len(toks) and k < start + 8 and toks[k].word and toks[k].lower not in ("by", "to", "from") \
                and not _verb_form(toks[k].lower):
            k += 1
    # "was awarded £40,000 by a tribunal", "was fined $2m by the regulator": past the sum
    if k == start and k < len(toks) and (toks[k].text[:1] in "£$€" or toks[k].text[:1].isdigit()):
        k = _by_after_given(toks, k, 4, frozenset())
    # "was refused a premises licence by the council", "was granted bail by": past what was given
    elif k == start and k < len(toks) and toks[k].lower in _GIVEN_STARTS:
        k = _by_after_given(toks, k, 6, _NOT_GIVEN_ON)
    if k > start and k < len(toks) and toks[k].lower == "by":
        return object_right(sentence, k + 1, limit=SUBJECT_MAX), k
    for k in range(start, min(len(toks), start + 4)):
        if toks[k].lower == "by":
            if k + 2 < len(toks) and toks[k + 1].lower in ("way", "means", "virtue") and toks[k + 2].lower == "of":
                return None, -1  # "challenged by way of judicial review": how, not by whom
            if _amount_after_by(toks, k):
                # "cut by almost half", "reduced by 20%": how much, not who — the agent may follow
                m = next((j for j in range(k + 2, min(len(toks), k + 7)) if toks[j].lower == "by"), -1)
                return (object_right(sentence, m + 1, limit=SUBJECT_MAX), m) if m > 0 else (None, -1)
            return object_right(sentence, k + 1, limit=SUBJECT_MAX), k
        if not (toks[k].lower in lx.ADVERBS or toks[k].lower in ("unanimously", "narrowly")):
            break
    return None, -1


def _verb_form(word: str) -> bool:
    if word in lx.AUX or word in lx.NEGATORS:
        return True
    if word in lx.PHRASE_NOUNS:
        return False
    entry = lx.lookup(word)
    if entry is None:
        return word.endswith("ed") and len(word) > 4 and "-" not in word and word not in lx.AUTHORITY_HEADS
    return not (entry.lemma in lx.NOUNISH and word in (entry.lemma, entry.lemma + "s", entry.lemma + "es")) \
        and word not in lx.REQUEST_NOUNS


def _verbish(word: str) -> bool:
    entry = lx.lookup(word)
    return entry is not None and not word.endswith("s") or word in lx.AUX or lx.is_attribution(word, "")
