"""Crisp wording for the heuristic brief: what was asked, what was decided, why — in a phrase each.

The heuristic summariser (`bot.summarizers.heuristic`) finds the clauses; this module trims them the
way a careful analyst would write the brief. Pure string functions, no state:

    crisp_request("a request by Skyport Airport to double the number of night flights it handles",
                  is_owner=lambda name: "Skyport" in name)
    # 'to double the number of night flights it handles'
    decision_object("a request by Skyport Airport to double the number of night flights",
                    is_owner=lambda name: "Skyport" in name)
    # 'the request'
    clean_clause('the band had not shown it was "internationally recognised.')
    # 'the band had not shown it was internationally recognised'

The requester and the decider are fields of their own, so they are cut out of the request and the
decision ("a request *by Skyport Airport* to …"); the request field already says what was asked,
so the decision names it only by its noun ("rejected *the request*").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.summarizers import lexicon as lx

__all__ = [
    "DECISION_MAX",
    "clean_clause",
    "crisp_request",
    "decision_object",
    "is_bare",
    "past_tense",
]

DECISION_MAX = 120
I = re.IGNORECASE  # noqa: E741 — short alias, as in lexicon

_REQ = lx.REQUEST_NOUNS + r"|" + lx.APPROVAL_NOUNS
_DET = r"(?:a|an|the|its|their|his|her)"
# "a request by X", "a lawsuit brought by X", "a pay claim from X": the owner of a request noun
_OWNER_BY = re.compile(
    r"\b(?P<noun>(?:"
    + _REQ
    + r"))\s+(?:(?:brought|made|lodged|filed|submitted|tabled|put\s+forward|launched|"
    r"sought|proposed|presented|backed)\s+)?(?:by|from)\s+"
    r"(?P<owner>(?:the\s+|an?\s+)?(?:[\w'’.&-]+\s+){0,6}?[\w'’.&-]+?)"
    r"(?=\s+(?:to|for|over|against|that|which|who|in|on|at|after|with|demanding|seeking|calling)\b|[,;.:]|$)",
    I,
)
# "turbines sought by X", "schemes put forward by X": a reduced relative naming the asker
_SOUGHT_BY = re.compile(
    r"\s+(?:sought|requested|proposed|put\s+forward|brought|submitted|tabled|lodged|filed|made|backed|planned)\s+"
    r"by\s+(?P<owner>(?:the\s+|an?\s+)?(?:[\w'’.&-]+\s+){0,6}?[\w'’.&-]+?)(?=\s+(?:to|for|over|against|in|on|at)\b|[,;.:]|$)",
    I,
)
# "Telvana's €9bn takeover", "the union's demand"
_OWNER_POSS = re.compile(
    r"(?P<owner>(?:[Tt]he\s+)?(?:[A-Z][\w.&-]*\s+(?:and\s+(?=[A-Z]))?){0,4}[A-Z][\w.&-]*|[Tt]he\s+[a-z]+)"
    r"(?:['’]s|(?<=s)['’])\s+"
    r"(?=(?:[^\s,;]+\s+){0,3}?(?:" + _REQ + r")\b)"
)
# "Ukrainian request", "Kestrel Air appeal", "A US government claim"
_OWNER_MOD = re.compile(
    r"(?:(?<=^)|(?<=\s))(?P<det>(?:a|an|the|A|An|The)\s+)?"
    r"(?P<owner>(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*(?:\s+(?:government|administration|authorities))?)\s+"
    r"(?=(?:[a-z$£€][\w$£€.-]*\s+){0,2}?(?:" + _REQ + r")\b)"
)
# A noun that only wraps what was asked for: "a request to double …" → "to double …"
_WRAP_TO = re.compile(
    r"^(?:" + _DET + r"\s+)?(?:[\w-]+\s+){0,2}?(?:requests?|applications?|demands?|calls?|attempts?|pleas?|"
    r"petitions?|proposals?|plans?|bids?|offers?|moves?|efforts?|campaigns?|permission|approval|consent|"
    r"clearance|go[- ]ahead|authori[sz]ation)\s+to\s+(?=[a-z]+\b)",
    I,
)
_WRAP_FOR = re.compile(
    r"^(?:" + _DET + r"\s+)?(?:[\w-]+\s+){0,2}?(?:requests?|applications?|demands?|calls?|pleas?|petitions?|"
    r"permission|approval|consent|clearance)\s+for\s+",
    I,
)
# "a petition with 12,000 signatures demanding that …" → "that …"
_WRAP_DEMANDING = re.compile(
    r"^(?:"
    + _DET
    + r"\s+)?(?:[^,;]{0,40}?\s)?(?:petitions?|letters?|motions?|campaigns?|protests?|calls?)\s+"
    r"(?:[^,;]{0,40}?\s)?(?:demanding|calling\s+for|asking\s+for|seeking|urging)\s+",
    I,
)
# "whether to clear X" asks for X; "whether to compete" asks to compete
_WHETHER = re.compile(
    r"^(?:on\s+)?whether\s+(?:or\s+not\s+)?to\s+(?P<grant>(?:approve|clear|allow|grant|accept|back|authori[sz]e|permit)\s+)?",
    I,
)
_LEAD = re.compile(
    r"^(?:(?:only\s+)?(?:part|parts|some|most|much|all|half|none|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+of\s+"
    r"(?=the\s|its\s|their\s|his\s|her\s|an?\s)"
    r"|(?:a|an|the|its|their)\s+(?:final\s+|public\s+|planning\s+|court\s+|judicial\s+)?"
    r"(?:decision|ruling|inquiry|hearing|review|consultation|vote)\s+(?:on|over|about|into)\s+)",
    I,
)
_DAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|\d{4})"
)
# "… later on Friday", "… in January", "… last year": when it was asked is not what was asked.
# ("at night" stays: "to close the park at night" is the request.)
_TIME_TAIL = re.compile(
    r"\s+(?:(?:later|earlier)\s+)?(?:(?:on|in|by|from|until|since)\s+)?(?:"
    + _DAY
    + r"(?:\s+(?:morning|afternoon|evening|night|\d{4}))?|(?:last|this|next)\s+(?:week|weekend|month|year|"
    + _DAY
    + r"))$",
    I,
)
_SUBORDINATE = re.compile(
    r",?\s+(?:(?<!days\s)(?<!weeks\s)(?<!months\s)(?<!years\s)(?<!hours\s)(?<!shortly\s)(?<!soon\s)(?<!just\s)"
    r"(?:after|before)|because|since|while|when|following|amid|despite|although|though|so\s+that|unless|until)\s+",
    I,
)
# ", on condition that …": a condition of the answer, not part of the request
_CONDITION = re.compile(
    r",?\s+(?:on\s+(?:the\s+)?condition|subject\s+to|provided|providing|as\s+long\s+as|in\s+return\s+for|"
    r"in\s+exchange\s+for)\b",
    I,
)
# ", forcing them to cancel …", ", granting a 4% rise": a participle adds a consequence, not the object
_PARTICIPLE = re.compile(r",\s+(?!including\b|excluding\b|notably\b|especially\b|among\b)[a-z]+ing\b")
_RELATIVE = re.compile(r",?\s+(?:that|which|who|whose)\s+")
_BARE = re.compile(
    r"^(?:" + _DET + r"\s+)?(?P<mods>(?:[\w$£€%.'’-]+\s+){0,3}?)(?P<head>" + _REQ + r")$",
    I,
)
_APPROVAL = re.compile(lx.APPROVAL_NOUNS, I)
_HEAD_NOUN = re.compile(r"\b(?:" + lx.REQUEST_NOUNS + r")\b", I)
_IRREGULAR_PAST = {
    "given": "gave",
    "thrown": "threw",
    "taken": "took",
    "shown": "showed",
    "overthrown": "overthrew",
    "forbidden": "forbade",
    "written": "wrote",
    "chosen": "chose",
}


def past_tense(verb: str) -> str:
    """ "given the go-ahead" → "gave the go-ahead": a participle left without its "has"."""
    first, _, rest = verb.partition(" ")
    past = _IRREGULAR_PAST.get(first.lower())
    if past is None:
        return verb
    return f"{past} {rest}".strip() if rest else past


def clean_clause(text: str | None, limit: int = 250) -> str | None:
    """One clause, no trailing full stop, no unbalanced quotes, within `limit` characters."""
    if not text:
        return None
    text = " ".join(text.split())
    if text.count('"') % 2 == 1:
        text = text.replace('"', "", 1) if text.find('"') == text.rfind('"') else text
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    text = text.strip(" ,;:-–—\"'“”‘’")
    text = re.sub(r"[.!?]+$", "", text).rstrip(" ,;:")
    text = re.sub(r"^that\s+(?=\S+\s+\S)", "", text)  # "said on Tuesday that the project …"
    # "Wrexham's appeal" without its owner reads "an appeal", not "a appeal"
    text = re.sub(r"\b([Aa])\s+(?=(?:[aio]|e(?!u))\w)", r"\1n ", text)
    if len(text) > limit:
        cut = text[:limit]
        for sep in ("; ", ", ", " and ", " "):
            pos = cut.rfind(sep)
            if pos > limit * 0.5:
                cut = cut[:pos]
                break
        text = cut.rstrip(" ,;:")
    return text or None


def _drop_owners(text: str, is_owner: Callable[[str], bool]) -> str:
    """Cut the asker out of a request noun phrase: "a request by X to …" → "a request to …"."""

    def by(m: re.Match) -> str:
        return m.group("noun") if is_owner(m.group("owner")) else m.group()

    text = _OWNER_BY.sub(by, text)
    text = _SOUGHT_BY.sub(lambda m: "" if is_owner(m.group("owner")) else m.group(), text)

    def poss(m: re.Match) -> str:
        if not is_owner(m.group("owner")):
            return m.group()
        noun = re.match(r"\w+", text[m.end() :])
        plural = bool(noun) and noun.group().endswith("s") and not noun.group().endswith("ss")
        return "the " if plural else "a "  # "X's plans for …" → "the plans for …"

    text = _OWNER_POSS.sub(poss, text, count=1)

    def mod(m: re.Match) -> str:
        owner = m.group("owner")
        name = lx.DEMONYMS.get(owner.lower(), owner)
        if owner.lower() in {"the", "a", "an"} or not is_owner(name):
            return m.group()
        return m.group("det") or ""

    return _OWNER_MOD.sub(mod, text, count=1)


def _cut(text: str, pattern: re.Pattern, min_words: int = 2) -> str:
    m = pattern.search(text)
    if m and len(text[: m.start()].split()) >= min_words:
        return text[: m.start()]
    return text


def crisp_request(
    text: str | None,
    *,
    is_owner: Callable[[str], bool] = lambda _name: False,
    recipient: str | None = None,
) -> str | None:
    """What was asked for, as one clean phrase: no asker, no wrapper noun, no time or aftermath.

    `is_owner(name)` says whether a name is the requester (cut out: it is a field of its own);
    `recipient` is whom the request was put to ("asked *the ministry* to reopen talks"), also cut.
    """
    if not text:
        return None
    text = " ".join(text.split()).strip(" ,;:\"'“”‘’")
    if recipient:
        m = re.match(
            r"(?:on\s+|with\s+)?" + re.escape(recipient) + r"\s+(?:until\s+[^,.;]{1,30}?\s+)?(to\s+\w.*)$",
            text,
            I,
        )
        if m:
            text = m.group(1)
    text = re.sub(
        r"^(?:to|for)\s+(?=(?:a|an|the|its|their|his|her)\s)", "", text, flags=I
    )  # "go-ahead to a link"
    for _ in range(2):
        text = _LEAD.sub("", text)
        m = _WHETHER.match(text)
        if m:  # "whether to clear X" → X; "whether to compete" → "to compete"
            text = text[m.end() :] if m.group("grant") else "to " + text[m.end() :]
    text = _drop_owners(text, is_owner)
    # "the takeover of Hoogstaal by Ispat Europe", Ispat the asker: the request ends before "by"
    tail = re.search(r"\s+by\s+([^,;]{2,80})$", text)
    if tail and len(text[: tail.start()].split()) >= 2 and is_owner(tail.group(1)):
        text = text[: tail.start()]
    # "to give X access to its books", X the asker: what X asked for is the access
    give = re.match(
        r"(?:to\s+)?(?:give|grant|allow|let|offer|hand)\s+(.{2,60}?)\s+(?=access|the\s+right|permission)",
        text,
    )
    if give and is_owner(give.group(1)):
        text = text[give.end() :]
    text = _cut(text, _PARTICIPLE)
    text = _cut(text, _CONDITION)
    text = _cut(text, _SUBORDINATE, 3)
    for _ in range(2):
        before = text
        text = _WRAP_DEMANDING.sub("", text)
        m = _WRAP_TO.match(text)
        if m and text[m.end() :].split()[0].lower() not in lx.DETERMINERS | lx.PREPOSITIONS:
            text = "to " + text[m.end() :]
        m = _WRAP_FOR.match(text)
        if m and len(text[m.end() :].split()) >= 1:
            text = text[m.end() :]
        if text == before:
            break
    text = _TIME_TAIL.sub("", text) if len(_TIME_TAIL.sub("", text).split()) >= 1 else text
    return clean_clause(_lower_first(text), 240)


def _lower_first(text: str) -> str:
    """ "Plans for 300 homes" (a sentence's first word) → "plans for 300 homes"; names keep their capital."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and (first.lower() in lx.DETERMINERS or _HEAD_NOUN.fullmatch(first)):
        return first.lower() + text[len(first) :]
    return text


def is_bare(text: str | None) -> tuple[bool, bool]:
    """(bare, modified): is this only a request noun ("its appeal"), and does a word qualify it ("a pay claim")?

    An approval noun ("regulatory clearance") never counts as qualified: it says nothing of what was asked.
    """
    m = _BARE.match(text or "")
    if not m:
        return False, False
    if _APPROVAL.fullmatch(m.group("head")):
        return True, False
    mods = [
        w
        for w in m.group("mods").split()
        if w.lower() not in {"new", "fresh", "formal", "latest", "second", "third"}
    ]
    return True, bool(mods)


def decision_object(
    text: str | None,
    *,
    is_owner: Callable[[str], bool] = lambda _name: False,
    decider: str | None = None,
) -> str:
    """The object of a decision verb, trimmed: "a request by X to double …" → "the request".

    The request field says what was asked, so a request noun stands for it here; other objects keep
    their head and lose relative clauses, conditions and the decider's own name.
    """
    if not text:
        return ""
    text = " ".join(text.split()).strip(" ,;:\"'“”‘’")
    if decider:
        text = re.sub(r"\s+(?:by|from)\s+" + re.escape(decider) + r"\b", "", text, flags=I)
    text = _drop_owners(text, is_owner)
    text = _cut(text, re.compile(r",\s+(?!including\b|and\b|or\b)"), 1)
    text = _cut(text, _SUBORDINATE, 1)
    text = _lower_first(text)
    head = _HEAD_NOUN.search(text)
    if head and len(text[: head.start()].split()) <= 7:
        text = text[: head.end()]
        before = text[: head.start()]
        art = list(re.finditer(r"\b(?:a|an)\s+", before, I))
        if art and len(text[art[-1].end() : head.start()].split()) <= 3:
            text = text[: art[-1].start()] + "the " + text[art[-1].end() :]
        elif not re.search(
            r"\b(?:"
            + _DET
            + r"|this|that|these|those|both|all|any|some|no|[\w'’]+['’]s?)\s+(?:\S+\s+){0,2}$",
            before,
            I,
        ) and re.fullmatch(lx.ASK_NOUNS + r"|plans?|proposals?|schemes?|deal", head.group(), I):
            text = before + "the " + text[head.start() :]  # "suspended plans" → "suspended the plans"
    else:
        text = _cut(text, _SOUGHT_BY, 2)
        if len(text) > 90:
            text = _cut(text, _RELATIVE, 2)  # "a bill that would have raised …" stays when short enough
    text = _TIME_TAIL.sub("", text) if len(_TIME_TAIL.sub("", text).split()) >= 1 else text
    return clean_clause(_lower_first(text), 100) or ""
