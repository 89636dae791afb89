"""The embedded, offline summariser: rules over sentences, no model weights.

    brief = HeuristicSummarizer().summarize(article)
    brief.requester, brief.request, brief.decided_by, brief.status, brief.reason, brief.evidence

How it reads an article:

1. Sentences (`bot.text.split_sentences`) of the headline and the text, each weighted by
   position: headline and lede count most, later sentences less.
2. In each sentence, *events* are found around verbs from `lexicon`: requests ("X asked / sought /
   appealed / demanded … Y") and decisions ("X approved / rejected / dismissed … Y", passives
   "Y was thrown out by X", negations "did not approve", futures "is expected to rule", deadlines
   "gave X until Friday to …"). The subject left of the verb and the object right of it are cut
   out with clause-boundary rules (appositives, reporting verbs, subordinate clauses, lists).
3. The best-scored decision gives the status and who decided; the best request (or the owner of the
   request noun the decision was about: "a bid from X", "X's appeal") gives who asked and for what;
   reasons come from cue phrases ("citing", "because", "on the grounds that") or from what the
   decider said next to the decision.
4. No request and no decision → status "unknown" and empty fields: the summariser never guesses.

Deterministic and pure; a typical article takes a few milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.models import Article, Brief, Evidence, Status
from bot.summarizers import lexicon as lx
from bot.summarizers.phrasing import (
    DECISION_MAX,
    clean_clause,
    crisp_request,
    decision_object,
    is_bare,
    past_tense,
)
from bot.text import split_sentences

__all__ = ["HeuristicSummarizer"]

# The scorer (and a reader) wants brief fields; keep well under its caps (80 / 250 chars).
NAME_MAX = 80
TEXT_MAX = 240
SUMMARY_MAX = 400
# Below these scores an event is too weak (too far down, quoted, hypothetical) to decide the brief.
MIN_DECISION = 1.4
MIN_DECISION_WITHOUT_REQUEST = 2.3
MIN_REQUEST = 1.2

_TOKEN = re.compile(r"[\w'’.$£€%&-]*[\w$£€%]|[^\w\s]")
_NAMEISH = re.compile(
    r"^(?:[A-Z][\w'’.&-]*|of|for|and|the|de|van|von|al|&)(?:\s+(?:[A-Z][\w'’.&-]*|of|for|and|the|de|van|von|al|&))*$"
)
_STOP = frozenset(
    """the a an of for to in on at by from with and or its their his her our this that these those mr mrs ms
    dr s new local top chief former group""".split()
)


@dataclass
class Sentence:
    index: int
    text: str
    weight: float
    headline: bool


@dataclass
class Event:
    kind: str  # "request" | "decision"
    sent: Sentence
    polarity: str  # decisions: approved/declined/partial/pending; requests: "request"/"deadline"
    agent: str | None  # requester (request) or decider (decision)
    target: str | None  # what was asked for / decided on
    requester: str | None = None  # decisions: the asker named inside the target or as recipient
    recipient: str | None = None  # requests: whom the request was put to
    clause: str | None = None
    score: float = 0.0
    quoted: bool = False
    requestish: bool = False
    extras: dict = field(default_factory=dict)


# --- small text helpers ----------------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.split())


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in _STOP and len(w) > 1}


def _stem(word: str) -> str:
    return word[:5]


def _overlap(a: str | None, b: str | None) -> bool:
    """Do two names share a content word ("the Appeal Court" / "three Appeal Court judges")?"""
    wa, wb = _words(a), _words(b)
    return bool(wa and wb and {_stem(w) for w in wa} & {_stem(w) for w in wb})


def _trim(text: str | None, limit: int) -> str | None:
    if not text:
        return None
    text = _squash(text).strip(" ,;:-–—\"'“”‘’")
    text = re.sub(r"\s*\($", "", text)
    if len(text) <= limit:
        return text or None
    cut = text[:limit]
    # prefer ending at a clause boundary, else at a word boundary
    for sep in ("; ", ", ", " - ", " that ", " which ", " who "):
        pos = cut.rfind(sep)
        if pos > limit * 0.55:
            return cut[:pos].rstrip(" ,;:") or None
    return cut.rsplit(" ", 1)[0].rstrip(" ,;:") or None


def _in_quote(sentence: str, pos: int) -> bool:
    before = sentence[:pos]
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    return straight or curly


def _conditional(sentence: str, pos: int) -> bool:
    start = max(sentence.rfind(",", 0, pos), sentence.rfind(";", 0, pos), -1)
    clause = sentence[start + 1 : pos].lower()
    return bool(re.search(r"\b(?:if|unless|whether|should|in case)\b", clause)) or bool(
        re.match(r"\s*(?:should|were)\s", sentence[start + 1 :].lower()) and start < 0
    )


# --- subjects, objects and names -------------------------------------------------------------

_TIME_LEAD = re.compile(
    r"^(?:(?:on|by|from|until|since|earlier|later|late|early|last|next|this|at|in)\s+)?(?:(?:this|last|next|on|the)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|weekend|month|year|morning|afternoon|evening|night|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|\d{1,2}(?:st|nd|rd|th)?|\d{4})"
    r"(?:\s+(?:\d{1,2}|\d{4}|morning|afternoon|evening|night|january|february|march|april|june|july|august|september|october|november|december))?"
    r"\s*,?\s+",
    re.IGNORECASE,
)
_LEAD_WORDS = re.compile(
    r"^(?:and|but|or|so|yet|however|meanwhile|now|also|still|then|instead|thus|separately|earlier|later|indeed|"
    r"finally|eventually|ultimately|nevertheless|nonetheless|yesterday|today|previously|even|only)\b,?\s*",
    re.IGNORECASE,
)
_NOUN_ING = frozenset(
    """planning housing banking trading building meeting hearing funding spending broadcasting shipping mining
    training clothing engineering licensing marketing manufacturing publishing polling accounting advertising
    gaming betting gambling sporting leading ruling governing opposing outstanding remaining existing king
    thing evening morning something nothing anything everything ring spring wing string sibling darling
    offering financing lending timing processing""".split()
)
_SPOKES = re.compile(
    r"^(?:an?|the)\s+(?:\w+\s+)?(?:spokes(?:man|woman|person)|representative|lawyer|lawyers|statement|source|sources|official|"
    r"officials|barrister|solicitor|attorney|counsel|letter|report)\s+(?:for|from|of|at|by)\s+",
    re.IGNORECASE,
)


def _strip_chain(left: str) -> tuple[str, list[str]]:
    """Split "Blackburn have now" → ("Blackburn ", ["now", "have"]) — the auxiliaries before a verb."""
    toks = list(_TOKEN.finditer(left))
    i = len(toks)
    chain: list[str] = []
    while i > 0:
        raw = toks[i - 1].group()
        w = raw.lower().replace("’", "'")
        if (
            w in lx.AUX
            or w.endswith("n't")
            or w in lx.CONTROL_NEGATIVE
            or w in lx.CONTROL_POSITIVE
            or w in lx.CONTROL_PENDING
            or w in lx.CONTROL_REQUEST
            or w in {"to", "longer", "no"}
            or (
                w.endswith("ly")
                and raw[0].islower()
                and len(w) > 4
                and w not in {"family", "italy", "rally", "supply", "assembly"}
            )
        ):
            chain.append(w)
            i -= 1
        else:
            break
    end = toks[i].start() if i < len(toks) else len(left)
    return left[:end], list(reversed(chain))


def _last_segment(text: str) -> str:
    """The last comma segment, extended over a list of names ("Albania, Bulgaria and Macedonia")."""
    segs = re.split(r",\s+", text)
    cand = segs[-1]
    k = len(segs) - 1
    while k > 0:
        prev = segs[k - 1].strip()
        cand_is_list = bool(re.search(r"\band\b|&", cand)) or k < len(segs) - 1
        if (
            cand_is_list
            and prev
            and len(prev.split()) <= 4
            and _NAMEISH.match(prev)
            and _NAMEISH.match(cand.strip())
        ):
            cand = prev + ", " + cand
            k -= 1
            continue
        # "Department for Culture, Media and Sport": a name whose tail is a capitalised list
        if (
            _NAMEISH.match(cand.strip())
            and re.search(r"\band\b", cand)
            and re.search(r"[A-Z][\w'’.&-]*$", prev)
        ):
            m = re.search(
                r"((?:the\s+)?(?:[A-Z][\w'’.&-]*\s+)*(?:(?:of|for)\s+)?(?:[A-Z][\w'’.&-]*\s+(?:of|for)\s+)?[A-Z][\w'’.&-]*)$",
                prev,
            )
            if m:
                cand = m.group(1) + ", " + cand
                break
        break
    return cand


_TIME_TAIL = re.compile(
    r"\s+(?:on|last|this|next|earlier|late|early|in|by|until|from)?\s*(?:(?:this|last|next|on)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|weekend|month|year|morning|afternoon|evening|night|"
    r"january|february|march|april|june|july|august|september|october|november|december|\d{4})"
    r"(?:\s+(?:morning|afternoon|evening|night|\d{4}))?$",
    re.IGNORECASE,
)
_TIME_HEAD = re.compile(
    r"^(?:(?:next|this|last|later|earlier)\s+(?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:by|on|in|before|until)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|the\s+end\s+of\s+\w+|\d{4}))\s+(?:on\s+)?",
    re.IGNORECASE,
)


def _clean_np(np: str, as_name: bool = True) -> str | None:
    """Trim an extracted noun phrase to the name or description it holds.

    With `as_name=False` (a thing asked for, not a party) post-modifiers stay and long phrases are
    trimmed at a clause boundary rather than reduced to the longest proper name.
    """
    np = _squash(np).strip(" ,;:\"'“”‘’")
    np = re.sub(r"^[\"“‘']+", "", np)
    for _ in range(3):
        before = np
        np = _LEAD_WORDS.sub("", np)
        np = _TIME_LEAD.sub("", np) if _TIME_LEAD.match(np) and len(_TIME_LEAD.sub("", np)) > 1 else np
        if np == before:
            break
    # a new noun phrase after a finished one: "talks with Powys Health Board the hospital"
    for m in reversed(list(re.finditer(r"\s(the|a|an)\s", np))):
        prev = np[: m.start()].split()
        if (
            prev
            and prev[-1].lower()
            not in lx.PREPOSITIONS | {"and", "or", "but", "of", "than", "is", "was", "are", "were", "be"}
            and (
                prev[-1][0].isupper()
                or prev[-1].lower() in {"talks", "meeting", "protests", "statement", "ruling", "hearing"}
                # "elections watchdog the Electoral Commission"
                or (as_name and np[m.end() : m.end() + 1].isupper())
            )
        ):
            np = np[m.start() + 1 :]
            break
    # post-modifiers: "delegation led by …", "reporters covering …", "X, who …"
    np = re.split(
        r"\s+(?:led|headed|chaired|run|owned|backed|represented|supported|funded|advised)\s+by\b|,?\s+(?:who|which|whose)\b",
        np,
    )[0]
    m = re.search(r"\s([a-z]+ing)\s+\S", np)
    if as_name and m and m.group(1) not in _NOUN_ING and m.start() > 0:
        np = np[: m.start()]
    np = _SPOKES.sub("", np) if as_name else np
    np = _TIME_TAIL.sub("", np) if _TIME_TAIL.sub("", np).strip() else np
    # "X has written to Y" before an infinitive of purpose: the subject is X
    aux = re.search(r"\s(?:has|have|had|is|are|was|were|will|would)\s", np)
    if aux:
        np = np[: aux.start()]
    np = np.strip(" ,;:\"'“”‘’")
    if not np or not re.search(r"[A-Za-z]", np):
        return None
    if as_name:
        np = re.sub(r"^(?:A|An)\s+(?=[A-Z])", "", np)  # "A US government claim" → "US government"
    tokens = np.split()
    last = tokens[-1].lower()
    if last in {"it", "they", "he", "she", "we"}:
        return tokens[-1]
    if last in lx.DETERMINERS or last in lx.PREPOSITIONS or last in {"and", "or", "but", "there"}:
        return None
    if len(tokens) == 1 and np.islower() and last.endswith("ed"):
        return None  # a verb, not a noun phrase
    if tokens[0].lower() in lx.PREPOSITIONS and tokens[0].lower() != "of":
        name = re.search(r"((?:[A-Z][\w'’.&-]*\s+)*[A-Z][\w'’.&-]*)$", np)
        if not name or name.start() == 0:
            return None
        np = name.group(1)
    if not as_name:
        return _trim(np, TEXT_MAX)
    if len(np) > NAME_MAX:
        np = re.sub(r"\s*\([^)]*\)", "", np)
    if len(np) > NAME_MAX:
        names = re.findall(r"(?:[A-Z][\w'’.&-]*\s+(?:(?:of|for|and)\s+)?)*[A-Z][\w'’.&-]*", np)
        names = [n for n in names if len(n) <= NAME_MAX]
        np = max(names, key=len) if names else _trim(np, NAME_MAX) or ""
    return np or None


def _subject(left: str, as_name: bool = True) -> str | None:
    """The noun phrase that ends `left` (the text before a verb and its auxiliaries)."""
    s = left.rstrip()
    for sep in (";", ": ", " - ", " – ", " — "):
        pos = s.rfind(sep)
        if pos >= 0:
            s = s[pos + len(sep) :]
    if s.count('"') % 2 == 1:
        s = s[s.rfind('"') + 1 :]
    elif s.count("“") > s.count("”"):
        s = s[s.rfind("“") + 1 :]
    s = s.strip()
    appositive = None
    if s.endswith(","):
        body = s[:-1]
        pos = body.rfind(", ")
        if pos >= 0:
            appositive = body[pos + 2 :]
            s = body[:pos]
        else:
            s = body
    s = _last_segment(s)
    # cut after the last reporting verb or subordinator that leaves something behind
    for pattern in (lx.REPORTING_CUT, lx.SUBORDINATORS):
        for m in reversed(list(pattern.finditer(s))):
            rest = s[m.end() :].strip()
            if rest:
                s = rest
                break
            # "… people who appealed": the antecedent of the relative clause
            if m.group().lower() in {"who", "which", "that"}:
                s = s[: m.start()]
                break
    head = _clean_np(s, as_name)
    if appositive and as_name:
        appos = _clean_np(appositive)
        if (
            appos
            and appos[0].isupper()
            and _NAMEISH.match(appos)
            and (not head or not head[0].isupper() or head.split()[0].lower() in lx.DETERMINERS)
        ):
            return appos
    return head


def _plural(name: str) -> bool:
    last = name.split()[-1].lower().strip("'’")
    return (
        bool(re.search(r"\band\b", name))
        or (last.endswith("s") and not last.endswith(("ss", "us", "is")))
        or last
        in {
            "police",
            "people",
            "staff",
            "children",
            "media",
            "public",
        }
    )


def _is_pronoun(np: str | None) -> bool:
    return not np or np.lower() in lx.PRONOUNS or np.lower() in {"there", "one", "both", "all", "others"}


_OBJ_CUT = re.compile(
    r";|\s[-–—]\s|:\s|\s\(?(?:because|citing|due\s+to|owing\s+to|on\s+the\s+grounds?)\b"
    r"|,\s*(?:but|which|while|whereas|as|after|following|saying|citing|because|although|though|according|despite|amid|"
    r"adding|arguing|claiming|calling|so|with|a\s+move|a\s+decision|in\s+a\s+(?:move|decision|ruling)|"
    r"(?:further|more|another|the\s+latest|a|an|the)\s+(?:\w+\s+)?(?:evidence|sign|blow|boost|setback|step|victory|defeat|development|indication))\b"
    r"|,?\s+and\s+(?:he|she|it|they|we|i|there|then|said|says|has|have|had|was|is|are|were|will|would|also)\b"
    r"|,?\s+but\s+(?!also\b)"
    r"|,\s+(?:[\w’'.-]+\s+){0,6}?(?:said|says|reported|reports|has\s+learnt|has\s+learned|have\s+learnt|told\s+\w+|added|confirmed|announced|revealed|disclosed)\b[^,]*$",
    re.IGNORECASE,
)


def _object(right: str) -> tuple[str, int]:
    """The object of a verb: `right` cut at the first clause boundary. Returns (text, end offset)."""
    m = _OBJ_CUT.search(right)
    end = m.start() if m else len(right)
    text = right[:end].rstrip(" .!?\"'”’")
    lead = re.match(r"\s*(?:for\s+|that\s+)?", text)
    text = text[lead.end() :] if lead else text
    text = _TIME_HEAD.sub("", text.strip())
    return text.strip(), end


_OWNER_FROM = re.compile(
    r"\b(?:"
    + lx.REQUEST_NOUNS
    + r")\s+(?:\w+\s+){0,1}?(?:from|by)\s+((?:the\s+|an?\s+)?(?:[\w'’.&-]+\s+){0,6}?[\w'’.&-]+?)"
    r"(?=\s+(?:for|to|over|against|that|which|who|in|on|at|after|,)\b|[,;.]|$)",
    re.IGNORECASE,
)
_OWNER_POSS = re.compile(
    r"((?:[A-Z][\w.&-]*\s+(?:and\s+(?=[A-Z]))?){0,4}[A-Z][\w.&-]*|its|their|his|her)['’]?s?\s+(?:[^\s,;]+\s+){0,4}?(?:"
    + lx.REQUEST_NOUNS
    + r")\b"
)
_OWNER_POSS_STRICT = re.compile(
    r"((?:[A-Z][\w.&-]*\s+(?:and\s+(?=[A-Z]))?){0,4}[A-Z][\w.&-]*)(?:['’]s|(?<=s)['’])\s+(?:[^\s,;]+\s+){0,4}?(?:"
    + lx.REQUEST_NOUNS
    + r")\b"
)
_ASK_POSS = re.compile(
    r"((?:[A-Z][\w.&-]*\s+(?:and\s+(?=[A-Z]))?){0,4}[A-Z][\w.&-]*|its|their|his|her)['’]?s?\s+(?:[^\s,;]+\s+){0,4}?(?:"
    + lx.ASK_NOUNS
    + r")\b"
)
_ASK_FROM = re.compile(
    r"\b(?:"
    + lx.ASK_NOUNS
    + r")\s+(?:\w+\s+){0,3}?(?:from|by)\s+((?:the\s+|an?\s+)?(?:[\w'’.&-]+\s+){0,6}?[\w'’.&-]+?)"
    r"(?=\s+(?:for|to|over|against|that|which|who|in|on|at|after|,)\b|[,;.]|$)",
    re.IGNORECASE,
)
_OWNER_MOD = re.compile(
    r"(?:^|\b(?:a|an|the)\s+)((?:[A-Z][\w.&-]*\s+)*(?:[A-Z][\w.&-]*)(?:\s+(?:government|administration|authorities))?)\s+"
    r"(?:[a-z$£€][\w$£€.-]*\s+){0,2}?(?:" + lx.REQUEST_NOUNS + r")\b"
)


def _possessive(text: str, m: re.Match) -> bool:
    """Is group 1 of `m` followed by a possessive ending ("Yukos's", "Yukos'", "creditors'")?"""
    word, nxt = m.group(1), text[m.end(1) : m.end(1) + 2]
    return nxt[:2] in {"'s", "’s"} or (word.endswith("s") and nxt[:1] in {"'", "’"})


def _owner(np: str, sentence_subject: str | None, first_word: str) -> str | None:
    """Who owns a request noun phrase: "a bid from Rangers", "Yukos's appeal", "Ukrainian request"."""
    m = _OWNER_FROM.search(np)
    if m:
        owner = _clean_np(m.group(1))
        if owner and not _is_pronoun(owner):
            return owner
    m = _OWNER_POSS_STRICT.search(np) or next(
        (m for m in _OWNER_POSS.finditer(np) if m.group(1).lower() in {"its", "their", "his", "her"}), None
    )
    if m:
        word = m.group(1)
        if word.lower() in {"its", "their", "his", "her"}:
            return sentence_subject
        return _clean_np(word)
    m = _OWNER_MOD.search(np)
    if m and not re.search(r"[\"'“‘]\s*\w*\s*$", np[: m.start(1)]):
        mod = m.group(1)
        demonym = lx.DEMONYMS.get(mod.lower())
        if demonym:
            return demonym
        if not (np.startswith(mod) and mod.split()[0] == first_word and len(mod.split()) == 1) and (
            len(mod.split()) > 1 or mod.isupper()
        ):
            return _clean_np(mod) or mod
    return None


# --- finding events ---------------------------------------------------------------------------


def _sentence_subject(text: str) -> str | None:
    """The subject of a sentence's first finite verb (for resolving pronouns and "its")."""
    m = re.search(
        r"\b(?:has|have|had|is|are|was|were|will|would|said|says|did|does|could|can|must|may)\b|\b\w+ed\b(?=\s+(?:the|a|an|to|that|its|his|her|their)\b)",
        text,
    )
    if not m or m.start() == 0:
        return None
    left, _ = _strip_chain(text[: m.start()])
    subj = _subject(left)
    if _is_pronoun(subj) or subj is None:
        # "Mark Ellery, who played on …, claimed he …": a named person opens the sentence
        lead = _NAME_APPOSITIVE.match(text)
        return lead.group(1) if lead else None
    return subj


_NAME_APPOSITIVE = re.compile(
    r"((?:Mr|Mrs|Ms|Dr|Sir)?\s*(?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+),\s+(?:who|whose|a|an|the|aged|\d)\b"
)


_DENIAL_LEAD = re.compile(r"\s*(?:the\s+|any\s+|all\s+)?(?:\w+\s+){0,2}?" + lx.DENIAL_OBJECT.pattern, re.I)
_APPROVAL_NOUN = re.compile(r"\b(?:" + lx.APPROVAL_NOUNS + r")\b", re.I)
_ASKER_BEFORE_BY = re.compile(
    r"\b(?:" + lx.REQUEST_NOUNS + r"|reports?|study|studies|survey|analysis|research)\s+(?:\w+\s+){0,3}$",
    re.I,
)


class _LazySubjects:
    """Sentence subjects, worked out only for the sentences that need one."""

    def __init__(self, sentences: list[Sentence]):
        self._sentences = sentences
        self._cache: dict[int, str | None] = {}

    def __getitem__(self, index: int) -> str | None:
        if index not in self._cache:
            self._cache[index] = _sentence_subject(self._sentences[index].text)
        return self._cache[index]


DETERMINERS_AND_MONTHS = lx.DETERMINERS | frozenset(
    "january february march april may june july august september october november december mr mrs ms".split()
)


class _Reader:
    """One article's sentences and the events found in them."""

    def __init__(self, article: Article):
        self.headline = split_sentences(article.title or "")
        self.body = split_sentences(article.text)
        self.sentences: list[Sentence] = []
        for text in self.headline:
            self.sentences.append(Sentence(len(self.sentences), text, 3.0, True))
        for k, text in enumerate(self.body):
            weight = 2.8 if k == 0 else 2.0 if k == 1 else 1.7 if k == 2 else max(0.25, 1.5 * 0.9 ** (k - 3))
            self.sentences.append(Sentence(len(self.sentences), text, weight, False))
        self.subjects = _LazySubjects(self.sentences)
        self.events: list[Event] = []
        for sent in self.sentences:
            self.events.extend(self._decisions(sent))
            self.events.extend(self._requests(sent))

    # pronouns ---------------------------------------------------------------------------------

    def _resolve(self, np: str | None, sent: Sentence) -> str | None:
        if np and np.lower() in {"they", "he", "she", "it"}:
            plural = np.lower() == "they"
            for i in range(sent.index - 1, max(-1, sent.index - 3), -1):
                prev = self.sentences[i]
                if prev.headline:
                    break
                names = [
                    e.agent for e in self.events if e.sent is prev and e.agent and not _is_pronoun(e.agent)
                ]
                names += [self.subjects[i]] if self.subjects[i] else []
                for name in names:
                    person = bool(re.match(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Judge)\b", name))
                    if (
                        _plural(name) == plural
                        and not (np.lower() == "it" and person)
                        and not (np.lower() in {"he", "she"} and lx.AUTHORITY_RE.search(name))
                    ):
                        return name
            return None
        if _is_pronoun(np):
            return None
        return self._corefer(np)

    def _speaker_for(self, pronoun: str | None, left: str) -> str | None:
        """ "the club said it would …" → "the club": a pronoun right after a reporting verb."""
        if not pronoun or pronoun.lower() not in {"it", "they", "he", "she"}:
            return pronoun
        reps = list(lx.REPORTING_CUT.finditer(left))
        if not reps or left[reps[-1].end() :].strip().lower() != pronoun.lower():
            return pronoun
        speaker = _subject(_strip_chain(left[: reps[-1].start()])[0])
        if speaker and not _is_pronoun(speaker) and _plural(speaker) == (pronoun.lower() == "they"):
            return speaker
        return pronoun

    def _corefer(self, np: str | None) -> str | None:
        """ "the singer" → "Pete Doherty" when an earlier line read "Singer Pete Doherty"."""
        if not np or not re.match(r"(?i)the\s", np) or len(np.split()) > 5:
            return np
        head = np.split()[-1]
        if not head.isalpha() or head[0].isupper():
            return np
        for sent in self.sentences[:4]:
            m = re.search(
                r"\b(?i:" + re.escape(head) + r")\s+((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)", sent.text
            )
            if m and m.group(1)[0].isupper():
                return m.group(1)
        return np

    def name_for(self, np: str, avoid: str | None) -> str:
        """A description ("the airline", "Striker", "the applicant") → the name the article gives it.

        News names a party once and then describes it: "Everton striker James Beattie", "troubled
        carrier Skyway Airlines", "The applicant, Fairway Stores, …". Only a description made of
        lower-case words (apart from a headline's capital) is replaced.
        """
        m = re.fullmatch(r"(?:(?:[Tt]he|[Aa]n?)\s+)?((?:[a-z][\w-]*\s+){0,2}([a-z]+))", np)
        if not m and re.fullmatch(r"[A-Z][a-z]+", np):
            # a headline's bare noun ("Striker's ban cut") is one the body writes in lower case only
            body = " ".join(x.text for x in self.sentences if not x.headline)
            if re.search(r"\b" + np.lower() + r"\b", body) and not re.search(r"\w\s+" + np + r"\b", body):
                m = re.fullmatch(r"()([A-Za-z]+)", np)
        if not m:
            return np
        head = m.group(2).lower()
        if len(head) < 4 or head in lx.PRONOUNS or _plural(head):
            return np
        stem = head[:-1] if head.endswith("e") else head
        patterns = (
            r"\b(?i:the\s+)?(?i:" + re.escape(head) + r"),\s+((?:[A-Z][\w'’&-]+\s+){0,3}[A-Z][\w'’&-]+),",
            r"\b(?i:" + re.escape(head) + r")\s+((?:[A-Z][\w'’&-]+\s+){0,2}[A-Z][\w'’&-]+)",
            r"((?:[A-Z][\w'’&-]+\s+){1,3}" + re.escape(stem.capitalize()) + r"\w{0,3})\b",
        )
        for pattern in patterns:
            for sent in self.sentences[:12]:
                for found in re.finditer(pattern, sent.text):
                    name = _clean_np(found.group(1))
                    if (
                        name
                        and name[:1].isupper()
                        and name.split()[0].lower() not in DETERMINERS_AND_MONTHS
                        and _distinct(name, avoid)
                        and len(name) <= NAME_MAX
                    ):
                        return name
        return np

    # decisions --------------------------------------------------------------------------------

    def _decisions(self, sent: Sentence) -> list[Event]:
        text = sent.text
        if not lx.ANY_DECISION.search(text):
            return []
        events: list[Event] = []
        taken: list[tuple[int, int]] = []
        for pattern, polarity, strength in lx.DECISION_VERBS:
            for m in pattern.finditer(text):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                event = self._decision_at(sent, m, polarity, strength)
                if event:
                    events.append(event)
                    taken.append((m.start(), m.end()))
        for m in lx.NEEDS_BACKING.finditer(text):
            if _conditional(text, m.start()) or _in_quote(text, m.start()):
                continue
            agent = _clean_np(m.group(1) or m.group(2))
            if agent and not _is_pronoun(agent):
                event = Event("decision", sent, "pending", agent, None, requestish=True)
                event.clause = _trim(text[m.start() : m.end()], TEXT_MAX)
                event.score = sent.weight + 0.5
                events.append(event)
        for pattern in (lx.PENDING_VERB_AFTER_MODAL, lx.PENDING_PROGRESSIVE):
            for m in pattern.finditer(text):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                event = self._pending_at(sent, m)
                if event:
                    events.append(event)
        return events

    def _decision_at(self, sent: Sentence, m: re.Match, polarity: str, strength: str) -> Event | None:
        text = sent.text
        verb = m.group().lower()
        left_raw = text[: m.start()]
        if re.search(
            r"\b(?:the|a|an|that|this|its|their|his|her|any|no|whose|our|my|your|sharp|steep|further)\s*$",
            left_raw,
            re.I,
        ) and not verb.startswith("no "):
            return None  # a noun: "that decline", "the approval"
        left, chain = _strip_chain(left_raw)
        right_raw = text[m.end() :]
        obj, obj_end = _object(right_raw)
        quoted = _in_quote(text, m.start())
        negated = any(w in lx.NEGATORS or w.endswith("n't") for w in chain) or bool(
            re.search(r"\bno\s+longer\s*$", left_raw, re.I)
        )
        if (
            "failed" in chain
            or "fails" in chain
            or "unable" in chain
            or "refused" in chain
            or "declined" in chain
            or "refuses" in chain
        ):
            if polarity in {"approved", "won", "upheld"}:
                negated = True
            elif polarity in {"declined", "lost", "partial", "reduced"}:
                return None  # "refused to reject" — too tangled to call
        if any(w in lx.CONTROL_REQUEST for w in chain):
            return None  # "sought to overturn": the verb names what was asked for
        if polarity != "pending" and _conditional(text, m.start()):
            return None
        if polarity == "declined" and (
            lx.SPEECH_OBJECT.match(right_raw) or re.match(r"\s*(?:by\s+)?\d", right_raw)
        ):
            return None  # "declined to comment", "shares declined 5%"
        if (
            polarity in {"declined", "approved"}
            and verb.startswith(("declin", "refus"))
            and not right_raw.strip(" .,")
        ):
            return None
        if (
            polarity in {"declined", "approved"}
            and lx.DENIAL_OBJECT.match(obj or "")
            or (polarity == "declined" and _DENIAL_LEAD.match(obj or ""))
        ):
            return None
        if re.search(
            r"\bas\s+(?:\w+\s+){0,3}(?:nonsense|rubbish|untrue|false|speculation|wrong)\b", obj or "", re.I
        ):
            return None  # "dismissed the claims as nonsense": a denial

        causative = re.search(
            r"^(.*?)\b(?:has|have|had|having)\s+had\s+((?:his|her|its|their|the|a|an)\s+[^,;]{1,60}?)\s*$",
            left_raw,
        )
        if causative and not negated:
            requester = _subject(causative.group(1))
            thing = causative.group(2)
            event = Event(
                "decision",
                sent,
                polarity,
                None,
                thing,
                requester=self._resolve(requester, sent),
                quoted=quoted,
            )
            if polarity == "reduced" or re.match(r"(?i)\s*(?:to|on\s+appeal)\b", right_raw):
                event.polarity = "partial" if polarity in {"reduced", "partial"} else polarity
            elif polarity in {"approved", "declined", "partial"}:
                event.polarity = polarity
            else:
                return None
            if event.polarity == "upheld":
                return None
            by = re.match(r"\s*(?:[^,.;]{0,40}?\s)?by\s+(.+)", right_raw)
            event.agent = _clean_np(_object(by.group(1))[0]) if by else None
            event.extras.update(verb=m.group(), chain="", obj=_object(right_raw)[0], causative=thing)
            event.requestish = True
            event.clause = _trim(text[: m.end() + _object(right_raw)[1]], TEXT_MAX)
            event.score = sent.weight + 1.0 + 0.3 - (1.5 if quoted else 0.0)
            return event

        be = [w for w in chain if w in lx.BE_FORMS]
        participle = bool(re.search(r"(?:ed|en|wn|nt|ld|ck)\b", verb.split()[0])) or verb.split()[0] in {
            "thrown",
            "upheld",
            "struck",
            "lost",
            "won",
            "shot",
        }
        next_word = re.match(r"\s*([\w'’]+|[^\w\s])?", right_raw).group(1) or ""
        passive = bool(be) and participle and not verb.endswith("ing")
        if (
            not be
            and sent.headline
            and participle
            and verb.split()[0].endswith(("ed", "wn", "ld"))
            and (
                not next_word
                or next_word.lower()
                in {"by", "over", "after", "in", "on", "at", "as", "for", ",", "amid", "following"}
            )
        ):
            passive = True  # headline ellipsis: "Peace demo appeal rejected"
        if not be and not passive and next_word.lower() == "by" and participle:
            passive = True  # reduced relative: "a claim rejected by the court"
        if verb.startswith("fail"):
            passive = True  # "the bill failed by 204 votes to 119": the subject is what was decided

        # modality: future, expected, hypothetical, headline "to"
        reported = bool(lx.REPORTING_CUT.search(left_raw[-80:]))
        future = any(w in lx.FUTURE for w in chain) or (("would" in chain) and not reported)
        pending_ctl = any(w in lx.CONTROL_PENDING for w in chain)
        hypothetical = any(w in lx.HYPOTHETICAL for w in chain)
        if (
            chain
            and chain[-1] == "to"
            and not sent.headline
            and not (set(chain) & (lx.CONTROL_POSITIVE | lx.CONTROL_NEGATIVE | lx.CONTROL_PENDING | lx.AUX))
        ):
            return None  # "the move to block …": a noun's infinitive, not a decision

        if passive:
            target = _subject(left, as_name=False)
            agent = None
            by = re.match(r"\s*(?:[^,.;]{0,40}?\s)?by\s+(.+)", right_raw)
            if by and not re.match(r"\s*(?:\w+\s+){0,6}?by\s+(?:\w+ing)\b", right_raw):
                agent_text, _ = _object(by.group(1))
                agent_text = re.split(
                    r"\s+(?:on|in|at|after|for|to|with|over|because|as|last|this|earlier)\s+(?=[a-z0-9])",
                    agent_text,
                )[0]
                agent = _clean_np(agent_text)
            if agent is None:
                # "was defeated in the House of Commons": the body where it happened decided
                where = re.match(
                    r"\s*(?:\w+ly\s+)?(?:in|at)\s+((?:the\s+)?(?:[A-Z][\w'’]*\s+(?:of\s+(?:the\s+)?)?){0,3}[A-Z][\w'’]*)",
                    right_raw,
                )
                if where and lx.AUTHORITY_RE.search(where.group(1)):
                    agent = _clean_np(where.group(1))
            requester = None
            thing = target
            ditransitive = False
            if (
                verb.split()[0]
                in {"granted", "given", "awarded", "denied", "refused", "allowed", "offered", "handed"}
                and obj
                and not re.match(r"\s*(?:by|to|on|in|at)\b", right_raw)
                and not (target and lx.REQUEST_NOUN_RE.search(target))
            ):
                requester, thing = target, obj  # "X was granted bail": X asked, bail was asked for
                strength = "strong"  # granting or denying something to someone answers a request
                ditransitive = True
            clause_start = max(0, left.find(target)) if target else 0
            event = Event("decision", sent, polarity, agent, thing, requester=requester, quoted=quoted)
            event.extras.update(passive=True, ditransitive=ditransitive)
        else:
            # "X says … and has refused to …": a coordinated verb shares the sentence's subject
            agent = (
                self.subjects[sent.index]
                if re.search(r"\b(?:and|but)\s*$", left)
                else self._speaker_for(_subject(left), left)
            )
            target = obj
            event = Event("decision", sent, polarity, agent, target, quoted=quoted)
            clause_start = 0
            if agent:
                pos = left.rfind(agent)
                clause_start = pos if pos >= 0 else 0

        # the parts of the clause the decision phrase is built from (`_decision_phrase`)
        event.extras.update(
            verb=m.group(), chain=left_raw[len(left) :], obj=obj, obj_raw=right_raw[:obj_end], negated=negated
        )
        if (
            polarity in {"declined", "approved"}
            and event.target
            and (lx.DENIAL_OBJECT if polarity == "declined" else lx.ACCEPTED_NOT_GRANTED).search(event.target)
            and not lx.REQUEST_NOUN_RE.search(event.target)
        ):
            return None  # "link rejected", "allegations denied", "accepted the blame"

        # "no plans to": the decider is whoever said so
        if (
            polarity == "declined"
            and verb.startswith("no")
            and (not event.agent or event.agent.lower() in {"there", "it"})
        ):
            rep = list(lx.REPORTING_CUT.finditer(left_raw))
            event.agent = _subject(left_raw[: rep[-1].start()]) if rep else None

        # polarity by verb family
        target_text = event.target or ""
        pol = polarity
        if polarity == "upheld":
            pol = (
                "declined"
                if lx.RULING_NOUN_RE.search(target_text) and not lx.REQUEST_NOUN_RE.search(target_text)
                else "approved"
            )
        elif polarity == "overturned":
            if not lx.RULING_NOUN_RE.search(target_text):
                return None
            pol = "approved"
        elif polarity in {"won", "lost"}:
            if passive or not lx.CONTEST_NOUN_RE.search(target_text):
                return None
            pol = "approved" if polarity == "won" else "declined"
            event.requester, event.agent = event.agent, None
            subject_text = _subject(left, as_name=False)
            source = re.match(
                r"\s*(?:the\s+|an?\s+|final\s+|formal\s+)*(?:"
                + lx.APPROVAL_NOUNS
                + r"|support)\s+(?:of|from)\s+(.+)",
                right_raw,
                re.I,
            )
            if source:
                event.agent = _clean_np(
                    _object(source.group(1))[0]
                )  # "failed to win approval from the board"
            if subject_text and lx.REQUEST_NOUN_RE.search(subject_text):
                # "A proposal by Seaview to … failed to win approval": the proposal is what was asked
                event.target = subject_text
                event.requester = _owner(subject_text, None, "") or None
        elif polarity == "reduced":
            if not (
                lx.REQUEST_NOUN_RE.search(target_text)
                or lx.RULING_NOUN_RE.search(target_text)
                or re.search(r"\b(?:fine|penalty|damages|award|sentence|ban)\b", target_text, re.I)
            ):
                return None
            pol = "partial"
        elif polarity == "partial" and re.match(
            r"\s*(?:(?:a|the|its|their|any)\s+)?(?:decision|ruling|vote|hearing|judge?ment|verdict)\b",
            target_text,
            re.I,
        ):
            pol = "pending"
        if lx.PENDING_OBJECT.search(target_text) or lx.PENDING_OBJECT.search(right_raw[:80]):
            pol = "pending"  # "granted extra time to decide"
            if event.requester and not event.agent:
                event.agent, event.requester = event.requester, None
            event.target = (
                re.sub(r"^.*?\bto\s+(?:decide|consider)\s+(?:on\s+)?", "", target_text) or target_text
            )
            event.extras["question"] = True  # what is being decided is what was asked

        if negated:
            if pol == "approved":
                pol = "declined"
            elif pol == "pending" and re.search(r"\byet\b", left_raw[-30:] + verb, re.I):
                pol = "pending"  # "has not yet decided"
            else:
                return None
        elif pol in {"approved", "declined", "partial"} and (future or pending_ctl):
            pol = "pending"
        if hypothetical and pol != "pending":
            pol = "pending"
            event.score -= 1.0

        event.polarity = pol
        if event.target and pol == "pending":
            # "deferred a decision on a proposal by X to …": the proposal is what waits
            event.target = (
                re.sub(
                    r"(?i)^(?:a|the|its|their|any)\s+(?:final\s+)?decision\s+(?:on|over|about)\s+",
                    "",
                    event.target,
                )
                or event.target
            )
        # weak verbs need corroboration
        requestish = (
            bool(lx.REQUEST_NOUN_RE.search(event.target or ""))
            or bool(_APPROVAL_NOUN.search(m.group()))
            or bool(event.extras.get("question"))
        )
        authority = bool(event.agent and lx.AUTHORITY_RE.search(event.agent))
        if strength == "weak" and lx.WEAK_BAD_OBJECT.match(right_raw) and not passive:
            return None
        trig = lx.TRIGGER.search(text, m.end()) or lx.TRIGGER.search(text[: m.start()])
        if trig and not event.requester:
            event.requester = _clean_np(trig.group(1))
            requestish = True
        if (
            strength == "weak"
            and polarity not in {"won", "lost"}
            and not (requestish or authority or sent.headline)
        ):
            return None
        event.requestish = requestish
        event.agent = self._resolve(event.agent, sent)
        if event.requester:
            event.requester = self._resolve(event.requester, sent)
        if event.target and not event.requester:
            first = sent.text.split()[0] if sent.text.split() else ""
            owner = _owner(event.target, self.subjects[sent.index] or event.agent, first)
            if owner and not _overlap(owner, event.agent):
                event.requester = self._resolve(owner, sent) if not _is_pronoun(owner) else None
        # "approved a rail link proposed by the transport board": who stands behind what was decided
        backer = lx.PROPOSED_BY.search(event.target or "")
        if backer and not event.requester:
            owner = _clean_np(_object(backer.group(1))[0])
            if owner and not _is_pronoun(owner) and not _overlap(owner, event.agent):
                event.requester = owner
        # recipients of a grant are the askers: "agreed to give X access to …"
        if pol == "approved" and not event.requester and event.target:
            g = re.match(
                r"(?:to\s+)?(?:give|grant|allow|let|offer|hand)\s+((?:[A-Z][\w'’.-]*|US|UK)(?:\s+[\w'’.-]+){0,5}?)\s+(?:access|the\s+right|permission|to\b|a\b|an\b)",
                event.target,
            )
            if g:
                event.requester = _clean_np(g.group(1))

        clause_end = m.end() + obj_end
        event.clause = _trim(text[clause_start:clause_end], TEXT_MAX)
        score = sent.weight
        score += 1.0 if requestish else 0.0
        score += 0.5 if authority or (event.agent and event.agent[:1].isupper()) else 0.0
        score += 0.3 if strength == "strong" else 0.0
        score -= 1.5 if quoted else 0.0
        score -= 0.4 if event.agent is None and not passive and polarity not in {"won", "lost"} else 0.0
        clause_left = left_raw[max(left_raw.rfind(","), left_raw.rfind(";")) + 1 :]
        if re.search(r"\b(?:after|since|when|because|before|once|as)\b", clause_left, re.I):
            score -= 1.2  # "asked … after members rejected the offer": background, not the outcome
        elif passive and re.search(r"\b(?:which|who|that)\s+(?:\w+\s+){0,3}$", left_raw, re.I):
            score -= 1.2  # "the campaign, which has been approved by the cabinet, will …": an aside
        event.score += score
        return event

    def _pending_at(self, sent: Sentence, m: re.Match) -> Event | None:
        text = sent.text
        if _conditional(text, m.start()):
            return None
        left, _ = _strip_chain(text[: m.start()])
        agent = self._resolve(_subject(left), sent)
        obj, obj_end = _object(text[m.end() :])
        if agent and re.match(r"(?i)(?:we|i|you)\b", agent):
            return None
        event = Event("decision", sent, "pending", agent, obj, quoted=_in_quote(text, m.start()))
        event.requestish = bool(lx.REQUEST_NOUN_RE.search(obj or ""))
        if not (event.requestish or (agent and lx.AUTHORITY_RE.search(agent))):
            return None
        start = text.find(agent) if agent and agent in text else m.start()
        event.clause = _trim(text[start : m.end() + obj_end], TEXT_MAX)
        event.extras.update(verb=m.group(), chain="", obj=obj, obj_raw=text[m.end() : m.end() + obj_end])
        event.score = sent.weight + (1.0 if event.requestish else 0.0) + 0.5 - (1.5 if event.quoted else 0.0)
        return event

    # requests ---------------------------------------------------------------------------------

    def _requests(self, sent: Sentence) -> list[Event]:
        text = sent.text
        events: list[Event] = []
        taken: list[tuple[int, int]] = []
        for pattern, strength in lx.REQUEST_VERBS if lx.ANY_REQUEST.search(text) else []:
            for m in pattern.finditer(text):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                event = self._request_at(sent, m, strength)
                if event:
                    events.append(event)
                    taken.append((m.start(), m.end()))
        if sent.index <= 5:
            events.extend(self._request_nouns(sent, events))
        return events

    def _request_nouns(self, sent: Sentence, found: list[Event]) -> list[Event]:
        """ "its $102.6bn debt offer for bondholders", "a bid from Rangers": requests named by a noun."""
        text = sent.text
        out = []
        spans = []
        for m in _ASK_POSS.finditer(text):
            word = m.group(1)
            if word.lower() in {"its", "their", "his", "her"}:
                owner = self.subjects[sent.index]
            elif _possessive(text, m):
                owner = _clean_np(word)
            else:
                continue
            spans.append((m.start(), owner))
        for m in _ASK_FROM.finditer(text):
            start = re.search(r"(?:\b(?:a|an|the)\s+(?:[\w$£€.-]+\s+){0,3})?$", text[: m.start()])
            spans.append((start.start() if start else m.start(), _clean_np(m.group(1))))
        for start, owner in spans:
            if not owner or _is_pronoun(owner) or _in_quote(text, start):
                continue
            if any(
                e.target and text.find(e.target) <= start < text.find(e.target) + len(e.target)
                for e in found
                if e.target and e.target in text
            ):
                continue
            target, _ = _object(text[start:])
            event = Event("request", sent, "request", owner, _trim(target, TEXT_MAX))
            event.clause = event.target
            event.extras["noun"] = True  # named by a noun, not asked with a verb
            event.score = sent.weight * 0.7 + (0.3 if owner[:1].isupper() else 0.0)
            out.append(event)
        return out

    def _request_at(self, sent: Sentence, m: re.Match, strength: str) -> Event | None:
        text = sent.text
        verb_word = m.group().split()[0].lower()
        left_raw = text[: m.start()]
        if re.search(r"\b(?:the|a|an|its|their|his|her)\s*$", left_raw, re.I) and verb_word.endswith("ed"):
            return None  # "the proposed merger", "the requested documents": adjectives
        if not verb_word.endswith(("ed", "ing", "ght")) and re.search(
            r"\b(?:the|a|an|its|their|his|her|this|that|any|no|whose|our|first|second|third|fresh|new|latest)\s+(?:[\w-]+\s+)?$",
            left_raw,
            re.I,
        ):
            return None  # "a landmark appeal over …", "the bid for …": nouns, read by _request_nouns
        if re.search(r"\b(?:when|if|once|after|before)\s*$", left_raw, re.I):
            return None  # "when asked about …"
        left, chain = _strip_chain(left_raw)
        negated = any(w in lx.NEGATORS or w.endswith("n't") for w in chain)
        if negated or _conditional(text, m.start()):
            return None
        be = [w for w in chain if w in lx.BE_FORMS]
        if be and verb_word.endswith(("ed", "ght")):
            return None  # passives: "was asked to …" names the asked, not the asker
        if (
            chain
            and chain[-1] == "to"
            and not (set(chain) & (lx.AUX | lx.CONTROL_PENDING | lx.CONTROL_POSITIVE))
        ):
            if not sent.headline and strength != "strong":
                return None
        after = text[m.end() :]
        # the verb pattern may already hold "to"/"for" + the recipient; take the object from the verb word on
        verb_end = m.start() + len(m.group().split()[0])
        if re.match(
            r"(?i)(?:call|calls|called|calling|appl\w*|appeal\w*|press\w*|push\w*|lobb\w*|campaign\w*|plead\w*|pleaded|bid\w*|offer\w*|lodg\w*|fil\w*)$",
            verb_word,
        ):
            verb_end = (
                m.end()
                if verb_word.startswith(("call", "lodg", "fil", "appl")) and " for" in m.group().lower()
                else verb_end
            )
        after = text[verb_end:]
        if re.match(r"(?i)\s*(?:about|whether|if|why|how|what|when|where|who)\b", after):
            return None  # questions, not requests
        if verb_word.startswith("appeal") and re.match(
            r"(?i)\s*to\s+(?:the\s+)?(?:mass|public|voters|fans|consumers|young|people|those|many|a\s+wider)\b",
            after,
        ):
            return None  # "appeal to consumers": attraction
        obj, obj_end = _object(after)
        if not obj or len(obj) < 3:
            return None
        agent = (
            self.subjects[sent.index]
            if re.search(r"\b(?:and|but)\s*$", left)
            else self._speaker_for(_subject(left), left)
        )
        backer = lx.PROPOSED_BY.search(left_raw)
        if backer:
            agent = (
                _clean_np(re.split(r"\s+and\s+(?:passed|approved|backed|adopted)\b", backer.group(1))[0])
                or agent
            )
        if agent and agent.lower() in {"we", "i", "you"}:
            agent = None
        agent = self._resolve(agent, sent)
        quoted = _in_quote(text, m.start())
        polarity = "deadline" if strength == "deadline" else "request"
        event = Event("request", sent, polarity, agent, None, quoted=quoted)
        recipient = None
        target = obj
        rm = re.match(
            r"((?:the\s+|an?\s+)?(?:[\w'’.&-]+\s+){0,7}?[\w'’.&-]+)\s+(?:until\s+[^,.;]{1,30}?\s+)?to\s+(\w.*)$",
            obj,
        )
        if (
            rm
            and re.match(
                r"(?i)(?:ask|urg|call|press|push|lobb|petition|appeal|plead|begg|give|gave|given|want)",
                verb_word,
            )
            and not re.match(r"(?i)(?:to|be)\b", rm.group(1))
        ):
            recipient = _clean_np(re.sub(r"^on\s+|^with\s+|^to\s+", "", rm.group(1)))
            if polarity == "deadline":
                target = f"{recipient} to {rm.group(2)}" if recipient else rm.group(2)
        sued = re.match(r"(.{2,80}?)\s+(?:over|for)\s+(\w.{8,})$", target)
        if verb_word.startswith(("sue", "suing")) and sued:
            target = sued.group(2)  # "sued the trust over a rule …": the rule is what is contested
        if re.match(r"(?i)(?:offer|propos)", verb_word) and not target.lower().startswith("to "):
            target = "to " + target if not re.match(r"(?i)that\b", target) else target
        event.recipient = self._resolve(recipient, sent) if recipient else None
        event.target = _trim(target, TEXT_MAX)
        start = left.rfind(agent) if agent and agent in left else m.start()
        event.clause = _trim(text[max(0, start) : verb_end + obj_end], TEXT_MAX)
        # headlines compress requests ("seeks rescue deal"); the lede usually says it in full
        score = (
            sent.weight
            * (0.85 if sent.headline else 1.0)
            * (1.0 if strength in {"strong", "deadline"} else 0.6)
        )
        score += 0.6 if agent and agent[:1].isupper() else 0.0
        score += 0.3 if lx.REQUEST_NOUN_RE.search(obj) else 0.0
        score -= 1.2 if quoted else 0.0
        score -= 0.8 if any(w in lx.HYPOTHETICAL or w in lx.FUTURE for w in chain) else 0.0
        score -= 0.8 if agent is None else 0.0
        event.score = score
        return event


# --- choosing ---------------------------------------------------------------------------------


def _bare(name: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", name.lower()).strip()


def _same_party(a: str | None, b: str | None) -> bool:
    """ "Mr Glazer" / "US tycoon Malcolm Glazer": containment or a shared proper name (not "LG" alone)."""
    if not a or not b:
        return False
    if not _distinct(a, b):
        return True

    def names(text: str) -> set[str]:
        return {w.strip("'’s") for w in text.split() if w[:1].isupper() and len(w.strip("'’s")) >= 4}

    return bool(names(a) & names(b) - {"The", "Judge", "Court", "Council", "Group", "Board"})


def _distinct(requester: str | None, decider: str | None) -> bool:
    """A requester that also names the decider answers nothing."""
    if not requester or not decider:
        return True
    r, d = _bare(requester), _bare(decider)
    return not (r in d or d in r)


def _same_kind(generic: str, decider: str | None) -> bool:
    """Can "the club" / "the company" stand for this decider? Yes for a named organisation
    ("Manchester United's board", "Rail operator Westline"), no for another kind of body ("A judge")."""
    if not decider or re.match(r"(?:Mr|Mrs|Ms|Miss|Dr|Judge|Justice)\b", decider):
        return False
    head = generic.split()[-1].lower()
    if head in decider.lower():
        return True
    core = re.sub(r"^(?:the|a|an)\s+", "", decider, flags=re.I)  # a sentence's "The" names nothing
    named = (
        any(w[:1].isupper() for w in core.split()[1:])
        or core[:1].isupper()
        and not lx.AUTHORITY_RE.match(core)
    )
    kind = lx.AUTHORITY_RE.search(decider)
    return named and not (
        kind
        and kind.group().lower()
        in {"court", "courts", "judge", "judges", "justice", "tribunal", "jury", "magistrates"}
    )


# Kinds of deciding body and the people who speak for them: a judge speaks for a court,
# a secretary of state for the government.
_BODY_KINDS = (
    re.compile(r"\b(?:courts?|judges?|justices?|tribunal|panel|magistrates?|jury|arbitrat\w*|Cas)\b", re.I),
    re.compile(
        r"\b(?:government|ministry|ministers?|secretary|cabinet|administration|executive|department|chancellor|"
        r"premier|president)\b",
        re.I,
    ),
    re.compile(r"\b(?:council|committee|councillors?|mayor)\b", re.I),
)


def _same_body(speaker: str, decider: str | None) -> bool:
    """Does `speaker` speak for the body that decided ("Lord Justice Laws" for "the Court of Appeal")?"""
    if not decider:
        return False
    return any(kind.search(speaker) and kind.search(decider) for kind in _BODY_KINDS)


def _reason(
    reader: _Reader,
    decision: Event | None,
    anchor: Sentence,
    polarity: str,
    decider: str | None,
    requester: str | None,
) -> tuple[str | None, Sentence | None]:
    """The stated grounds of the decision: a cue phrase beside it, or what the decider said near it.

    `anchor` is the sentence the decision (or, for a pending request, the request) was read from.
    What the requester says is their argument, not the ground of the decision, and is skipped.
    """
    candidates: list[tuple[float, str, Sentence]] = []
    families = {"approved", "declined", "partial"} if polarity == "partial" else {polarity}
    related = [e for e in reader.events if e.kind == "decision" and e.polarity in families and e.score >= 1.0]
    if anchor.headline:
        body = [e for e in related if not e.sent.headline]
        if body:
            anchor = max(body, key=lambda e: e.score).sent
    dec_idx = anchor.index
    events = ([decision] if decision else []) + [e for e in related if e is not decision]
    for event in events:
        sent = event.sent
        clause_pos = sent.text.find(event.clause or "\0")
        tail = sent.text[clause_pos + len(event.clause or "") :] if clause_pos >= 0 else sent.text
        prefix = sent.text[:clause_pos] if clause_pos > 0 else ""
        own = 1.0 if event is decision else 0.3 * event.score / 3
        pm = re.search(
            r"\b(?:after|following|because\s+of|due\s+to|amid|in\s+(?:the\s+)?light\s+of|owing\s+to)\s+([^,;]{8,})$",
            prefix.strip(" ,"),
            re.I,
        )
        if pm:
            text = _clean_np(pm.group(1)) if len(pm.group(1)) <= NAME_MAX else pm.group(1)
            if text:
                candidates.append((2.5 + min(len(text), 80) / 40.0 + own, text, sent))
        for cue, strength in ((lx.REASON_STRONG, 4.0), (lx.REASON_WEAK, 2.0)):
            m = cue.search(tail)
            if m:
                text, _ = _object(tail[m.end() :])
                if len(text) >= 8 and not _in_quote(sent.text, sent.text.find(tail) + m.start()):
                    if (
                        cue is lx.REASON_WEAK
                        and m.group().strip(", ").lower() in {"as", "since"}
                        and not re.match(r"\s*(?:it|the|they|he|she|its|their|there)\b", tail[m.end() :])
                    ):
                        continue
                    candidates.append((strength + min(len(text), 80) / 40.0 + own, text, sent))
                    break
    # what the decider (or a pronoun standing for it) said around the decision
    for sent in reader.sentences:
        if sent.headline:
            continue
        distance = sent.index - dec_idx
        if distance < -1 or distance > 12:
            continue
        quote = re.match(
            r"^[\"“](.+?)[,.]?[\"”],?\s+(?:(.+?)\s+)?(?:said|says|added|stated|wrote)\b", sent.text
        )
        own_events = [e for e in related if e.sent is sent and e.clause and e.clause in sent.text]
        for m in lx.ATTRIBUTION.finditer(sent.text):
            before, chain = _strip_chain(sent.text[: m.start()])
            if "had" in chain or "earlier" in chain or "previously" in chain:
                continue  # what was said before the decision is not its ground
            if _in_quote(sent.text, m.start()):
                continue
            if any(sent.text.find(e.clause) >= m.end() for e in own_events):
                continue  # "the club said it would allow …" reports the decision itself
            after = sent.text[m.end() :]
            inverted = re.search(r"[,.!?][\"”]\s*$", before)
            if inverted and quote:
                # '"…," said Zara Peters of UK Athletics.'
                speaker = _clean_np(_object(after)[0])
                said = quote.group(1)
            else:
                speaker = _subject(before)
                colon = re.match(r"\s*:\s*[\"“](.+?)(?:[\"”]|$)", after)
                if colon:
                    said = colon.group(1)
                elif quote and m.start() > quote.end(1):
                    said = quote.group(1)
                else:
                    # a relative clause inside what was said is not its end: "the event, which starts …, could"
                    said, _ = _object(re.sub(r",\s+(?:which|who)\s+[^,]+,", "", after))
            if re.match(r"(?i)\s*no\s+to\b", after):
                continue  # "said no to the plan" is the decision itself
            if any(p.search(said) for p, pol, _ in lx.DECISION_VERBS if pol in families):
                continue  # "the club said it would allow …" reports the decision, not its ground
            if (
                not speaker
                or len(said) < 15
                or re.match(r"(?i)(?:in|on|at|to|after|before|during|outside)\s", said)
            ):
                continue
            by_decider = bool(decider and _overlap(speaker, decider)) or bool(
                decider
                and lx.AUTHORITY_RE.search(speaker)
                and lx.AUTHORITY_RE.search(decider)
                and lx.AUTHORITY_RE.search(speaker).group().lower()[:4]
                == lx.AUTHORITY_RE.search(decider).group().lower()[:4]
            )
            by_decider = by_decider or _same_body(speaker, decider)
            if requester and (
                not _distinct(speaker, requester) or (_overlap(speaker, requester) and not by_decider)
            ):
                continue  # the asker's own arguments are not the ground of the decision
            pronoun = speaker.lower() in {"he", "she", "it", "they"} and 0 <= distance <= 1
            # "the company said …" just after "Westline rejected …"
            pronoun = pronoun or (
                bool(lx.GENERIC_ORG.match(speaker)) and 0 <= distance <= 10 and _same_kind(speaker, decider)
            )
            # "the 31-year-old is concerned …": news style for the person just named
            pronoun = pronoun or (bool(re.match(r"(?i)the\s+\d+-year-old$", speaker)) and 0 <= distance <= 2)
            if not (by_decider or pronoun) or (distance > 5 and not by_decider):
                continue
            if m.group().lower().startswith(("concerned", "worried", "fears", "feared")) or distance >= 0:
                score = 3.0 - 0.15 * abs(distance) + min(len(said), 60) / 60.0
                candidates.append((score, said, sent))
                break
    # "The decision follows a recommendation …"
    for sent in reader.sentences:
        m = lx.FOLLOWS.search(sent.text)
        if (
            m
            and abs(sent.index - dec_idx) <= 5
            and re.match(
                r"(?i)(?:the|this|that|it)\s+(?:\w+\s+){0,2}?(?:decision|move|ruling|proposals?|plans?|announcement|change)\b",
                sent.text,
            )
        ):
            text, _ = _object(sent.text[m.end() :])
            if len(text) > 10:
                candidates.append((2.2 - 0.2 * abs(sent.index - dec_idx), text, sent))
    if not candidates:
        return None, None
    candidates.sort(key=lambda c: (-c[0], c[2].index))
    score, text, sent = candidates[0]
    text = text.strip()
    # "Additionally, …" right after the reason sentence carries a second ground
    nxt = sent.index + 1
    if nxt < len(reader.sentences) and not reader.sentences[nxt].headline:
        add = lx.DISCOURSE_ADDITION.match(reader.sentences[nxt].text)
        if add and len(text) < 150:
            more = _trim(reader.sentences[nxt].text[add.end() :], TEXT_MAX - len(text) - 2)
            if more:
                text = f"{text}; {more}"
    return _trim(text, TEXT_MAX), sent


def _authority_near(reader: _Reader, around: int) -> tuple[str | None, Sentence | None]:
    """A court, judge or body named near the decision, for decisions reported without their maker."""
    pattern = re.compile(
        r"\b(?:by|at|from)\s+((?:the\s+)?(?:[A-Z][\w'’.&-]*\s+){0,6}(?:Court|Tribunal|Commission|Board|Council|Committee|Authority|Magistrates|Court\s+of\s+[A-Z][\w]+)"
        r"(?:\s+(?:Judge|Justice)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?)|\b((?:[A-Z][\w'’.&-]*\s+){0,5}(?:Judge|Justice)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    )
    ruled = re.compile(r"\b(?:ruled|ordered|decided)\b")
    best = None
    for sent in reader.sentences:
        names = [
            m.group(1) or m.group(2)
            for m in pattern.finditer(sent.text)
            if not (
                m.group().lower().startswith(("by", "from"))
                and _ASKER_BEFORE_BY.search(sent.text[: m.start()])
            )
        ]
        for m in ruled.finditer(sent.text):
            subject = _subject(_strip_chain(sent.text[: m.start()])[0])
            if subject and lx.AUTHORITY_RE.search(subject) and not _is_pronoun(subject):
                names.append(subject)
        for raw in names:
            name = _clean_np(raw)
            if not name:
                continue
            score = abs(sent.index - around) - (0.5 if sent.index >= around else 0)
            if best is None or score < best[0]:
                best = (score, name, sent)
    return (best[1], best[2]) if best else (None, None)


def _summary(reader: _Reader) -> str:
    body = reader.body
    if not body:
        return reader.headline[0] if reader.headline else ""
    text = body[0]
    if len(text) < 120 and len(body) > 1:
        text = f"{text} {body[1]}"
    if len(text) > SUMMARY_MAX:
        text = _trim(text, SUMMARY_MAX) + "…"
    return text


def _head(target: str | None) -> str | None:
    """The first content word's stem: "to withdraw it" and "the withdrawal of a film" share "withd"."""
    for word in re.findall(r"[a-z]+", (target or "").lower()):
        if word not in _STOP and word not in {
            "be",
            "being",
            "have",
            "get",
            "make",
            "its",
            "their",
            "some",
            "any",
            "all",
            "more",
        }:
            return word[:5]
    return None


_ANAPHORIC = re.compile(
    r"(?i)^(?:the|this|that|its|their|his|her)\s+(?:\w+\s+)?(?:"
    + lx.REQUEST_NOUNS
    + r")(?:\s+(?:on|by|at|in|next|this|last)\s+\w+)?$"
)


def _fuller_name(name: str, others: list[str]) -> str:
    """ "China Aviation" → "China Aviation Oil" when the article also names it in full."""
    best = name
    for other in others:
        for m in re.finditer(r"(?:[A-Z][\w'’.&-]*\s+)*[A-Z][\w'’.&-]*", other):
            span = m.group()
            if (
                span.startswith(name)
                and len(span) > len(best)
                and len(span) <= NAME_MAX
                and span[len(name) : len(name) + 1] == " "
            ):
                best = span
    return best


def _named(np: str, sent: Sentence, reader: _Reader) -> str:
    """ "The creator of Brookside has written …" followed by "Phil Redmond, now chairman of …" —
    news ledes describe a person and the next sentence names them."""
    m = re.match(r"(?:the|a|an)\s+(?:[a-z][\w-]*\s+){0,2}([a-z][\w-]*)\b", np, re.I)
    if not m or sent.headline or any(w[:1].isupper() for w in np.split()[1:2]):
        return np
    head = m.group(1).lower()
    if _plural(head) or lx.AUTHORITY_RE.fullmatch(head):
        return np
    nxt = sent.index + 1
    if nxt >= len(reader.sentences):
        return np
    name = re.match(r"((?:[A-Z][a-z'’-]+\s+){1,2}[A-Z][a-z'’-]+),\s", reader.sentences[nxt].text)
    if name and not lx.AUTHORITY_RE.search(name.group(1)):
        return name.group(1)
    return np


@dataclass
class _RequestOption:
    order: tuple  # (from the headline, sentence index, rank): body before headline, lede first
    text: str
    sent: Sentence
    asked: bool  # the object of an asking verb, not a request noun or a decision's object


def _owner_test(requester: str | None):
    """Does a name stand for the requester ("the union" for "the National Teachers' Union")?"""

    def test(name: str) -> bool:
        return bool(requester) and (_same_party(name, requester) or _overlap(name, requester))

    return test


def _choose_request(options: list[_RequestOption]) -> tuple[str | None, Sentence | None]:
    """One phrase for the request: the lede's fullest clause; a headline's noun phrase only if nothing else.

    A bare request noun ("a pay claim") is completed by what the same party asked for in words:
    "a pay claim: a 7% rise and a cap of 25 pupils per class". Nothing else is joined.
    """
    if not options:
        return None, None
    options = sorted(options, key=lambda o: o.order)
    shapes = [is_bare(o.text) for o in options]
    content = [o for o, (bare, _) in zip(options, shapes, strict=True) if not bare]
    first = options[0]
    bare, modified = shapes[0]
    if not bare or not content:
        return first.text, first.sent
    if modified and not first.sent.headline:
        complement = min(content, key=lambda o: (not o.asked, o.order))
        joined = f"{first.text}: {complement.text}"
        if len(joined) <= TEXT_MAX:
            return joined, complement.sent
    return content[0].text, content[0].sent


# A body that decides in its own name: preferred to a bare country or company name for decided_by.
_GOVERNING = re.compile(
    r"\b(?:government|administration|ministry|cabinet|court|tribunal|council|authority|regulator|commission|"
    r"committee|board|parliament|congress|senate)\b",
    re.I,
)
# Words of the verb chain a brief leaves out ("has now formally rejected" → "rejected");
# negation and modality ("did not approve", "will rule", "is expected to decide") stay.
_DROP_CHAIN = frozenset(
    """has have had also now then ultimately finally formally officially reportedly already still unanimously
    effectively again previously earlier later recently just quickly today yesterday subsequently initially
    eventually apparently duly firmly flatly swiftly promptly narrowly largely once""".split()
)


def _name_field(name: str | None) -> str | None:
    """A name as a brief shows it: "The tribunal" (a sentence's first word) → "the tribunal"."""
    name = _trim(name, NAME_MAX)
    return re.sub(r"^(The|A|An)\s", lambda m: m.group(1).lower() + " ", name) if name else None


def _verb_pos(event: Event) -> int:
    pos = event.sent.text.find(event.extras.get("verb", "\0"))
    return pos if pos >= 0 else len(event.sent.text)


def _decision_phrase(
    event: Event, status: str, decider: str | None, requester: str | None, reader: _Reader
) -> str | None:
    """The decision as a short verb phrase: "rejected the request", "did not approve the request",
    "agreed to part of the pay claim, refusing smaller class sizes", "will rule next month on the appeal"."""
    if status == "partial":
        # "agreed to part of …, granting … but refusing …": the phrase starts at the sentence's first verb
        same = [
            e
            for e in reader.events
            if e.kind == "decision" and e.sent is event.sent and not e.quoted and "verb" in e.extras
        ]
        if same:
            event = min(same, key=lambda e: _verb_pos(e))
    ex = event.extras
    if "verb" not in ex:
        return clean_clause(event.clause, DECISION_MAX)
    is_owner = _owner_test(requester)
    verb = ex["verb"]
    if event.sent.headline and verb.lower().startswith("to "):
        verb = "will " + verb[3:]  # headline style: "Judge to rule" = the judge will rule
    chain = ex.get("chain", "").split()
    lower = [w.lower().replace("’", "'") for w in chain]
    negated = any(w in lx.NEGATORS or w.endswith("n't") for w in lower)
    modal = any(w in lx.FUTURE | lx.HYPOTHETICAL | lx.CONTROL_PENDING | {"would", "to"} for w in lower)
    if event.sent.headline and lower == ["to"]:
        words = ["will"]
    elif verb.lower().startswith("yet "):
        words = chain  # "has yet to respond"
    elif negated:
        words = [
            w for w, low in zip(chain, lower, strict=True) if low not in _DROP_CHAIN - {"has", "have", "had"}
        ]
    else:
        words = [w for w, low in zip(chain, lower, strict=True) if low not in _DROP_CHAIN]
    if verb.lower().startswith("no "):
        words = []  # "there were no plans to sell" → "no plans to sell"
    dropped_perfect = not negated and any(w in {"has", "have", "had"} for w in lower)
    raw = ex.get("obj_raw") or ""
    # a pending decision keeps its time ("will rule next month on …"); "go-ahead for …" its preposition
    keep_raw = status == "pending" or re.match(r"(?i)\s*for\s", raw)
    obj = decision_object(raw if keep_raw else ex.get("obj"), is_owner=is_owner, decider=decider)
    if ex.get("causative"):
        # "has had his ban reduced to five matches" → "reduced his ban to five matches"
        thing = decision_object(ex["causative"], is_owner=is_owner)
        rest = "" if re.match(r"(?i)\s*by\b", ex.get("obj") or "") else crisp_request(ex.get("obj")) or ""
        phrase = f"{past_tense(verb)} {thing} {rest}"
    elif ex.get("question"):
        # "Radcliffe has been granted extra time to decide …": she decides, so the phrase stays passive
        phrase = " ".join(
            [*[w for w in chain if w.lower() not in _DROP_CHAIN - {"has", "have", "had"}], verb, obj]
        )
    elif ex.get("passive") and ex.get("ditransitive"):
        # "X was granted bail" → "granted bail"
        kept = words if negated or modal else [w for w in words if w.lower() not in lx.BE_FORMS]
        phrase = " ".join([*kept, past_tense(verb) if not kept else verb, obj])
    elif ex.get("passive"):
        thing = decision_object(event.target, is_owner=is_owner, decider=decider)
        if thing and thing.split()[0] in {"A", "An", "The", "Plans", "Plan"} | {
            w.capitalize() for w in lx.DETERMINERS
        }:
            thing = thing[0].lower() + thing[1:]
        if negated or modal:
            phrase = " ".join([thing, *words, verb])  # "the plan was not approved"
        else:
            joiner = (
                " to "
                if re.search(r"go[- ]ahead|green light|approval|permission|backing", verb, re.I)
                else " "
            )
            phrase = past_tense(verb) + (joiner + thing if thing else "")
            rest = ex.get("obj") or ""
            if (
                status == "pending"
                and re.match(r"(?i)(?:until|till|to|for|pending)\s", rest)
                and len(rest.split()) <= 4
            ):
                phrase += " " + rest  # "adjourned the inquiry until March"
    else:
        head = past_tense(verb) if dropped_perfect and not words else verb
        phrase = " ".join([*words, head, obj])
    # "approved four turbines but rejected the other three": a partial answer names both sides
    if status == "partial":
        for other in reader.events:
            if (
                other.kind == "decision"
                and other.sent is event.sent
                and other is not event
                and not other.quoted
                and "verb" in other.extras
                and {other.polarity, event.polarity} == {"approved", "declined"}
                and _verb_pos(other) > _verb_pos(event)
            ):
                what = crisp_request(other.extras.get("obj"), is_owner=is_owner)
                if what:
                    verb2 = other.extras["verb"]
                    joiner = ", " if verb2.lower().endswith("ing") else " but "
                    if len(phrase) + len(joiner) + len(verb2) + len(what) + 1 <= DECISION_MAX:
                        phrase = f"{phrase}{joiner}{verb2} {what}"
                break
    if decider:  # the decider is a field of its own: "… rejected by the council" → "… rejected"
        phrase = re.sub(r"\s+(?:by|from)\s+" + re.escape(decider) + r"\b", "", phrase, flags=re.I)
    return clean_clause(phrase, DECISION_MAX) or clean_clause(event.clause, DECISION_MAX)


class HeuristicSummarizer:
    """Rules over sentences: deterministic, offline, a few milliseconds per article.

    brief = HeuristicSummarizer().summarize(article)
    brief.summarizer == "heuristic"
    """

    name = "heuristic"

    def summarize(self, article: Article) -> Brief:
        reader = _Reader(article)
        base = dict(
            source=article.source,
            title=article.title,
            site=article.site,
            published=article.published,
            summary=_summary(reader) or (article.title or article.source),
            summarizer=self.name,
        )
        requests = sorted(
            (e for e in reader.events if e.kind == "request"), key=lambda e: (-e.score, e.sent.index)
        )
        best_request = requests[0] if requests and requests[0].score >= MIN_REQUEST else None
        # a decision about what was asked for outranks one about something else
        asked = [e.target for e in requests[:3] if e.target and e.score >= MIN_REQUEST]
        heads = {_head(t) for t in asked} - {None}
        for event in reader.events:
            if event.kind == "decision" and event.target:
                if _head(event.target) in heads:
                    event.score += 0.8  # "refused to withdraw it" answers "demanded the withdrawal"
                elif any(_overlap(event.target, t) for t in asked):
                    event.score += 0.3
        decisions = sorted(
            (e for e in reader.events if e.kind == "decision"), key=lambda e: (-e.score, e.sent.index)
        )

        decision = None
        for event in decisions:
            needed = (
                MIN_DECISION
                if (best_request or event.requester or event.requestish)
                else MIN_DECISION_WITHOUT_REQUEST
            )
            if event.score >= needed:
                decision = event
                break
        # A request the article leaves unanswered, with no sign that an answer is awaited, is not
        # a decision: "unknown", and no fields guessed. A deadline ("gave X until Friday") is such a sign.
        if decision is None and (best_request is None or best_request.polarity != "deadline"):
            return Brief(**base, status=Status.UNKNOWN)

        # a headline states the outcome tersely ("Seoul declines …"); the lede names the parties
        if decision is not None and decision.sent.headline:
            body = [
                e
                for e in decisions
                if not e.sent.headline
                and e.polarity == decision.polarity
                and e.agent
                and e.score >= MIN_DECISION
                and e.sent.index <= 4
            ]
            if body:
                headline_decision, decision = decision, body[0]
                if headline_decision.requestish and headline_decision.target and not decision.requestish:
                    decision.extras["headline_target"] = headline_decision.target
                elif headline_decision.requestish and headline_decision.target:
                    decision.extras["headline_target"] = headline_decision.target

        # status ---------------------------------------------------------------------------
        if decision is not None:
            status = decision.polarity
            same = [
                e
                for e in reader.events
                if e.kind == "decision" and e.sent is decision.sent and e is not decision and not e.quoted
            ]
            if status in {"approved", "declined"} and any(
                e.polarity in {"approved", "declined"} and e.polarity != status for e in same
            ):
                status = "partial"  # "approved some, rejected others"
            if status in {"approved", "declined"} and re.search(
                r"\b(?:partially|partly|in\s+part|temporar(?:y|ily)|interim)\b", decision.sent.text, re.I
            ):
                status = "partial"
        else:
            status = "pending"  # a request with no decision yet

        # who decided ----------------------------------------------------------------------
        decider, decider_sent = (decision.agent, decision.sent) if decision else (None, None)
        if decider is None:
            for event in decisions:
                same_family = event.polarity == status or (
                    status == "partial" and event.polarity in {"approved", "declined"}
                )
                if (
                    event.agent
                    and same_family
                    and event.score >= 1.0
                    and lx.AUTHORITY_RE.search(event.agent)
                    and _distinct(event.agent, decision.requester if decision else None)
                ):
                    decider, decider_sent = event.agent, event.sent
                    break
        if decider is None and decision is not None and status != "pending":
            decider, decider_sent = _authority_near(reader, decision.sent.index)
        if decider is None and status == "pending":
            pend = [e for e in decisions if e.polarity == "pending" and e.agent and e.score >= 1.0]
            if pend:
                decider = pend[0].agent
            elif best_request and best_request.recipient:
                decider = best_request.recipient

        # "South Korea declines" in the lede, "the South Korean government … declined" further down:
        # the body names the deciding body itself, and its sentence states the decision in full
        phrase_event = decision
        if decision is not None and decider:
            for event in decisions:
                if (
                    event is not decision
                    and event.polarity == decision.polarity
                    and event.agent
                    and not event.quoted
                    and not event.sent.headline
                    and event.score >= 1.0
                    and len(event.agent) <= NAME_MAX
                    and decider[:1].isupper()
                    and not lx.AUTHORITY_RE.search(decider)
                    and _overlap(event.agent, decider)
                    and _GOVERNING.search(event.agent)
                ):
                    decider, decider_sent, phrase_event = event.agent, event.sent, event
                    break

        # who asked, for what -------------------------------------------------------------
        candidates: list[tuple[float, str, Event]] = []
        for event in requests:
            if event.agent and event.score >= 0.8:
                candidates.append((event.score, event.agent, event))
        for event in decisions:
            if event.requester and event.score >= 1.0:
                bonus = 0.6 if event is decision else 0.0
                # an asker named inside a noun phrase is less direct than the subject of "asked"
                factor = 0.8 if event.polarity == status else 0.55
                candidates.append((event.score * factor + bonus, event.requester, event))
        candidates = [
            (
                score - (0.8 if lx.GENERIC_ORG.match(name) or re.match(r"(?i)the\s+[a-z]+$", name) else 0.0),
                name,
                event,
            )
            for score, name, event in candidates
        ]
        candidates.sort(key=lambda c: (-c[0], c[2].sent.index))
        requester = None
        chosen: Event | None = None
        for _score, name, event in candidates:
            if _is_pronoun(name) or not _distinct(name, decider):
                continue
            requester, chosen = name, event
            break
        if requester:
            requester = _fuller_name(requester, [c[1] for c in candidates])
            requester = _named(requester, chosen.sent, reader)
            requester = reader.name_for(requester, decider)
            if not _distinct(requester, decider):
                requester = None

        # the request: one phrase — the chosen asker's own words, else the decision's object
        is_owner = _owner_test(requester)
        options: list[_RequestOption] = []

        def offer(
            target: str | None, sent: Sentence, rank: int, verb: bool, recipient: str | None = None
        ) -> None:
            if target and not _ANAPHORIC.match(target):
                text = crisp_request(target, is_owner=is_owner, recipient=recipient)
                if text and len(text) >= 3:
                    options.append(_RequestOption((sent.headline, sent.index, rank), text, sent, verb))

        def asked(event: Event) -> bool:
            return event.kind == "request" and not event.extras.get("noun")

        def to_whom(event: Event) -> str | None:
            # "asked the ministry to reopen talks": the ministry is not part of what was asked;
            # a deadline ("gave LG until Friday to sign") keeps who must act
            return event.recipient if event.kind == "request" and event.polarity != "deadline" else None

        if chosen is not None and chosen.target:
            offer(chosen.target, chosen.sent, 0, asked(chosen), to_whom(chosen))
            for event in requests:
                if (
                    event is not chosen
                    and event.target
                    and event.score >= MIN_REQUEST
                    and _same_party(event.agent, requester)
                ):
                    offer(event.target, event.sent, 1, asked(event), to_whom(event))
        if decision is not None and decision.requestish and decision.target:
            offer(decision.target, decision.sent, 2, False)
        if decision is not None and decision.extras.get("headline_target"):
            offer(decision.extras["headline_target"], reader.sentences[0], 3, False)
        if not options and best_request and best_request.target:
            offer(best_request.target, best_request.sent, 0, asked(best_request), to_whom(best_request))
        request, request_sent = _choose_request(options)

        anchor = decision.sent if decision else (best_request.sent if best_request else None)
        reason, reason_sent = (None, None)
        if anchor is not None:
            reason, reason_sent = _reason(reader, decision, anchor, status, decider, requester)

        requester_sent = chosen.sent if requester and chosen else None
        if (
            requester_sent is not None
            and requester_sent.headline
            and request_sent is not None
            and not request_sent.headline
            and requester.lower() in request_sent.text.lower()
        ):
            requester_sent = request_sent  # the body sentence that names the asker and its request
        evidence = Evidence(
            requester=requester_sent.text if requester_sent else None,
            request=request_sent.text if request and request_sent else None,
            decision=(
                phrase_event.sent.text if phrase_event else (decider_sent.text if decider_sent else None)
            ),
            reason=reason_sent.text if reason and reason_sent else None,
        )
        return Brief(
            **base,
            requester=_name_field(requester),
            request=_trim(request, TEXT_MAX),
            decided_by=_name_field(decider),
            status=Status(status),
            decision=_decision_phrase(phrase_event, status, decider, requester, reader)
            if phrase_event
            else None,
            reason=clean_clause(reason, TEXT_MAX),
            evidence=evidence,
        )
