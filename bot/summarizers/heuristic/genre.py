"""Stories of a kind that reports no request: the decisions they tell are a life's, a system's, a
poll's or a game's, not news of one request decided.

    genre_without_request(sentences)  # "obituary", "explainer", "poll", "figures", "results", "match"... or None

Read from the headline and the lede only, so the test is linear and bounded. Each kind is told by
how English labels it ("Obituary: ...", "Q&A: ...", "..., figures show", "Rovers 2-1 City"), never by
what a particular story says.
"""

from __future__ import annotations

import re

from bot.summarizers.heuristic import lexicon as lx
from bot.summarizers.heuristic.tokens import Sentence

_LEDE = 3  # sentences read for the news of a death
_LABEL_REACH = 4  # tokens before the label's colon or bar
_SEPARATORS = (":", "|")

# "Obituary: Jane Roe", "Q&A: how permits work", "Opinion | Why ...": the headline names its kind
_LABELS = {
    "obituary": "obituary", "obituaries": "obituary",
    "q&a": "explainer", "explainer": "explainer", "explained": "explainer", "faq": "explainer",
    "factfile": "explainer", "factbox": "explainer",
    "poll": "poll", "survey": "poll",
    "opinion": "opinion", "editorial": "opinion", "letters": "opinion",
    "preview": "preview", "week ahead": "preview", "what to watch": "preview",
    "profile": "profile", "interview": "profile",
    "by the numbers": "figures", "data desk": "figures",
}
# ... or says so in words
_PHRASES = {
    "guide to": "explainer", "what you need to know": "explainer", "how it works": "explainer",
    "figures show": "figures", "figures suggest": "figures", "data show": "figures", "data shows": "figures",
    "statistics show": "figures", "approval rating": "poll", "poll shows": "poll", "poll finds": "poll",
    "survey finds": "poll", "by the numbers": "figures",
    "week ahead": "preview", "what to watch": "preview", "cases to watch": "preview", "what's before": "preview",
    "what's listed": "preview", "election night": "results",
}
_PHRASE_PATTERNS = [(re.compile(rf"(?:^| ){re.escape(words)}(?: |$)"), kind) for words, kind in _PHRASES.items()]
# "Ronald Roe, stage actor, dies at 77", "Jane Roe dies aged 86"
_DIES_AT = re.compile(r"\b(?:dies|died) (?:at|aged) \d{2,3}\b")
# "Rovers 2-1 City", "Millbrook 2 - 2 Ferrisham United": a result between two names
_SCORE_LINE = re.compile(r"^[A-Z][\w'.&]*(?: [A-Z][\w'.&]*){0,3} \d{1,2} ?[-–] ?\d{1,2} [A-Z][\w'.&]*(?: [A-Z][\w'.&]*){0,3}$")


def genre_without_request(sentences: list[Sentence], headline_decides: bool = False) -> str | None:
    """The kind of story, when it is one that reports no request decided; None for news.

    `headline_decides`: the headline itself states a decision ("Board votes 5-2 to approve tower").
    Then only a label ("Obituary:", "Q&A:") or a subtitle naming the kind ("...: a guide to motions")
    still makes it one of these kinds; the headline's other cues (a score, "profits", "more appeals")
    do not."""
    if not sentences:
        return None
    headline = sentences[0]
    if headline.headline:
        label = _label(headline)
        if label is not None:
            return label
        text = " ".join(t.lower for t in headline.tokens).replace("’", "'")
        subtitle = text.split(" : ", 1)[1] if " : " in text else ""
        # a subtitle naming the kind counts even when the headline decides; elsewhere, only when not
        phrase = _phrase_kind(subtitle) or (None if headline_decides else _phrase_kind(text))
        if phrase is not None:
            return phrase
        if not headline_decides:
            if _dies_at(headline.text.lower()):
                return "obituary"
            if _a_score_line(headline):
                return "match"
            if _a_count_moves(headline):
                return "figures"
            if any(t.lower in _RESULTS for t in headline.tokens[:_RESULTS_REACH]):
                return "results"
    return "obituary" if _an_obituary_lede(sentences) else None


def _phrase_kind(text: str) -> str | None:
    return next((kind for pattern, kind in _PHRASE_PATTERNS if pattern.search(text)), None)


def _dies_at(text: str) -> bool:
    """ "Jane Roe dies aged 86", "Jane Roe, who fought City Hall, dies at 86"; not "Family of boy
    who died aged 14 wins appeal"."""
    found = _DIES_AT.search(text)
    # the present tense is the headline's own verb ("X, who fought City Hall, dies at 86"); a past
    # "died" after "who" is a clause about someone else's story
    return found is not None and (found.group(0).startswith("dies") or " who " not in f" {text[: found.start()]}")


def _a_score_line(headline: Sentence) -> bool:
    """ "Rovers 2-1 City": names and a score, no verb or preposition ("Judges Split 2-1 Against Roe")."""
    if not _SCORE_LINE.match(headline.text.strip().replace("’", "'")):
        return False
    return not any(lx.lookup(t.lower) is not None or t.lower in lx.PREPOSITIONS for t in headline.tokens)


_RESULTS_REACH = 4  # "Profits jump at ...", "Dalton Foods profits fall": the trading is the subject
# a firm's trading told by its figures: "Profits jump at Tolland stores", "tops estimates"
_RESULTS = frozenset("profit profits estimates earnings".split())
# decisions and requests counted: "Mortgage approvals slide", "Fewer asylum appeals succeed"
_COUNTED = frozenset("""approvals appeals claims complaints applications requests refusals grants bids
petitions backlog caseload""".split())
_MORE_OR_FEWER = frozenset("more fewer record".split())
_TRENDS = frozenset("""fall falls fell rise rises rose slide slides slip slips drop drops climb climbs soar soars
jump jumps surge surges dip dips hit hits double doubles halve halves slump slumps""".split())


def _a_count_moves(headline: Sentence) -> bool:
    """The headline tells a count of decisions or requests going up or down ("Mortgage approvals
    slide for a fifth month", "Fewer asylum appeals succeed", "One in three requests refused"): a
    story of figures, not of one request."""
    words = [t.lower for t in headline.tokens]
    if words[:2] == ["one", "in"]:
        return any(w in _COUNTED for w in words[:6])
    for k, w in enumerate(words):
        if w in _COUNTED and (set(words[max(0, k - 3) : k]) & _MORE_OR_FEWER or set(words[k + 1 : k + 3]) & _TRENDS):
            return True
    return False


def _label(headline: Sentence) -> str | None:
    toks = headline.tokens
    cut = next((k for k, t in enumerate(toks[: _LABEL_REACH + 1]) if t.text in _SEPARATORS), -1)
    if cut <= 0:
        return None
    words = [t.lower for t in toks[:cut] if t.word or t.text == "&"]
    return _LABELS.get(" ".join(words).replace(" & ", "&"))


def _an_obituary_lede(sentences: list[Sentence]) -> bool:
    """The lede says someone has died ("died on Sunday aged 84", "Jane Roe, who has died aged 84,
    was"), so the decisions the story tells are the life's, not news."""
    for s in sentences[:_LEDE]:
        words = [t.lower for t in s.tokens]
        died = next((k for k, w in enumerate(words) if w in ("died", "dies")), -1)
        if died <= 0 or "aged" not in words[died : died + 8]:
            continue
        # the death is what the sentence reports, or an aside on the name it opens with; not a
        # relative clause of a story about the death ("a boy who died aged 12 ...")
        if not set(words[:died]) & {"who", "which", "that", "whose"} or _named_and_died(s.tokens, died):
            return True
    return False


def _named_and_died(toks, died: int) -> bool:
    """ "Jane Roe, who has died aged 84, was": the sentence opens on a capitalised name and the
    death is an aside on it."""
    comma = next((k for k in range(died) if toks[k].text == ","), -1)
    # ("Amy Roe, who died aged 16 in 2020, was failed by her school": the past tense tells a case)
    return (comma > 0 and all(t.cap for t in toks[:comma]) and toks[comma + 1].lower == "who"
            and [t.lower for t in toks[comma + 2 : died]] == ["has"])
