"""Grounding: what an LLM says must be traceable to the article, or it is dropped.

    index = SentenceIndex(article)                 # the article's sentences (bot.text), headline too
    index.find("Seoul  declined the request .")    # -> the ARTICLE's sentence, or None
    invented_terms("Kim met Putin in 2030.", index.text)   # -> ["Putin", "2030"] if not in the article
    named_in("the Seoul government", index.text)               # -> True when every word occurs
    contradiction(Status.APPROVED, "The court rejected the appeal.")   # -> a one-line reason, or None

Matching an evidence quote is lenient only about form: whitespace, curly vs straight quotes and
dashes, case, a missing final full stop, a quote that is most of one sentence (≥ 80 %), or two or
three consecutive sentences quoted as one. What is stored is always the article's own text.

Contradictions are deliberately narrow: they catch the model saying "approved" while quoting a
sentence that reports a refusal ("rejected", "did not approve"), and nothing else. They never
decide which status is right (the model is asked again about a contradiction); a status without a
cue word in its evidence is not doubted at all.
"""

from __future__ import annotations

import re

from bot.models import Article, Status
from bot.text import split_sentences

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
                         "–": "-", "—": "-", "‑": "-", "\u00a0": " "})
_EDGE = " \t\n\"'.,;:!?…"


def normalise(text: str) -> str:
    """Whitespace collapsed, quote characters and dashes unified, case folded."""
    return " ".join(text.translate(_QUOTES).split()).casefold()


def _key(text: str) -> str:
    return normalise(text).strip(_EDGE)


class SentenceIndex:
    """The sentences of one article (headline first), for finding what a model quoted."""

    def __init__(self, article: Article):
        sentences: list[str] = []
        if article.title:
            sentences.append(" ".join(article.title.split()))
        sentences.extend(split_sentences(article.text))
        self.sentences = sentences
        self.keys = [_key(s) for s in sentences]
        self._exact: dict[str, str] = {}
        for key, sentence in zip(self.keys, sentences, strict=True):
            self._exact.setdefault(key, sentence)
        self.text = "\n".join(filter(None, [article.title, article.text]))

    def find(self, quote: str | None) -> str | None:
        """The article sentence(s) the quote reproduces, or None when it isn't in the article."""
        if not quote or not quote.strip():
            return None
        key = _key(quote)
        if len(key) < 12:  # "Yes." or a bare name is no evidence
            return None
        if key in self._exact:
            return self._exact[key]
        for start in range(len(self.keys)):
            # a quote spanning consecutive sentences (the model's sentence split differs from ours)
            for span in (2, 3):
                if start + span <= len(self.keys) and key == _key(" ".join(self.sentences[start:start + span])):
                    return " ".join(self.sentences[start:start + span])
        best = None
        for sentence_key, sentence in zip(self.keys, self.sentences, strict=True):
            # most of one sentence, word for word (a dropped tail clause or leading "But")
            if key in sentence_key and len(key) >= 0.8 * len(sentence_key) and len(key) >= 20:
                best = best or sentence
        return best


# --- names and numbers -----------------------------------------------------------------------------

_NAME_TOKEN = re.compile(r"(?<![\w'])[A-Z][\w'.&-]*")
_NUMBER = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"]\s+|\n)$")
_NUMBER_WORDS = {word: str(value) for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}


def _clean_name(token: str) -> str:
    token = re.sub(r"['’]s$", "", token.translate(_QUOTES))
    return token.strip(".'-&")


def _number_key(raw: str) -> str:
    return raw.replace(",", "").rstrip(".")


def article_numbers(text: str) -> set[str]:
    found = {_number_key(m.group()) for m in _NUMBER.finditer(text)}
    words = set(re.findall(r"[a-z]+", text.lower()))
    found |= {digit for word, digit in _NUMBER_WORDS.items() if word in words}
    return found


# closed-class words: capitalised only because they open a sentence ("That the …", "Whether to …");
# none is a name (so "May", "Will", "Bill" are not here)
_FUNCTION_WORDS = frozenset(
    "a an the this that these those to for with without after before from as if when while although "
    "though because despite not no its their his her our it they he she we there both all some any each "
    "more most less further only also but and or nor so yet into onto on in at by of about over under "
    "against between among through during until since per via what which who whom whose how why where "
    "than then once instead rather plus whether".split())
# a common word at a sentence start, inflected otherwise in the article ("Backing" ~ "back")
_INFLECTIONS = ("s", "es", "ing", "ed", "d", "er", "ers", "ment", "ments", "ion", "ions")
# a place and its people: "Iran"/"Iranian", "Korea"/"Korean", "Ukraine"/"Ukrainian", "China"/"Chinese",
# "Britain"/"British", "Israel"/"Israeli", "Germany"/"German"
_DEMONYM_SUFFIXES = ("n", "ns", "an", "ans", "ian", "ians", "ese", "ish", "i", "is")


def _place_bases(word: str) -> set[str]:
    """The forms a demonym is built on: the name, less a final e/a/y or "ain"."""
    bases = {word}
    if word[-1:] in ("e", "a", "y"):
        bases.add(word[:-1])
    if word.endswith("ain"):
        bases.add(word[:-3])
    return {base for base in bases if len(base) >= 3}


def _demonyms(word: str) -> set[str]:
    found = {base + suffix for base in _place_bases(word) for suffix in _DEMONYM_SUFFIXES}
    if word.endswith("y"):
        found.add(word[:-1])  # "Germany" → "German"
    return found


_LINKING = frozenset({"of", "for", "the", "and", "de", "du", "on", "&"})


def _acronyms(text: str) -> set[str]:
    """Initials of the article's runs of capitalised words ("Court of Arbitration for Sport" → CAS)."""
    found: set[str] = set()
    run: list[str] = []
    for token in [*re.findall(r"[\w&]+", text), "."]:
        if token[:1].isupper() and not token.isupper():
            run.append(token[0])
            continue
        if token.lower() in _LINKING and run:
            continue
        for start in range(len(run)):
            for end in range(start + 2, min(len(run), start + 6) + 1):
                found.add("".join(run[start:end]))
        run = []
    return found


class _Known:
    """What of the article a claim's names may come from (computed once per call)."""

    def __init__(self, text: str):
        self.text = text
        self._capitalised: set[str] | None = None
        self._demonym_forms: set[str] = set()
        self._lower: set[str] | None = None
        self._acronyms: set[str] | None = None

    def demonym(self, name: str) -> bool:
        """`name` is the people of a place the article names, or the place of its people."""
        if self._capitalised is None:
            self._capitalised = set(re.findall(r"(?<![\w'])[A-Z][a-z]+", self.text))
            self._demonym_forms = {form for word in self._capitalised for form in _demonyms(word)}
        return name in self._demonym_forms or bool(_demonyms(name) & self._capitalised)

    def inflected(self, word: str) -> bool:
        if self._lower is None:
            self._lower = set(re.findall(r"\b[a-z]+\b", self.text))
        word = word.lower()
        return any(word == stem + ending and len(stem) >= 3 and stem in self._lower for ending in _INFLECTIONS
                   for stem in [word[: -len(ending)]] if word.endswith(ending)) \
            or any(word + ending in self._lower for ending in _INFLECTIONS)

    def acronym(self, name: str) -> bool:
        if self._acronyms is None:
            self._acronyms = _acronyms(self.text)
        return name.isupper() and 2 <= len(name) <= 6 and name in self._acronyms


def invented_terms(claim: str, article_text: str) -> list[str]:
    """Names (capitalised words) and numbers in `claim` that the article never mentions.

    Each word of a name is checked on its own, so "Prime Minister Blair" passes an article that
    says "Prime Minister Tony Blair"; so is each capitalised part of a hyphenated word
    ("Honda-brand"). A name also passes as a demonym of an article name ("Iranian" for "Iran") or
    as the initials of one ("CAS" for "Court of Arbitration for Sport"). A capitalised word at a
    sentence start may appear in lower case in the article ("Officials said…"), inflected
    ("Backing" for "back"), or be a closed-class word ("That", "Whether").
    """
    text = article_text.translate(_QUOTES)
    claim = claim.translate(_QUOTES)
    known = _Known(text)
    missing: list[str] = []
    for match in _NAME_TOKEN.finditer(claim):
        at_start = bool(_SENTENCE_START.search(claim[: match.start()]))
        for number, part in enumerate(match.group().split("-")):
            name = _clean_name(part)
            if len(name) < 2 or not name[0].isupper() or any(ch.isdigit() for ch in name) \
                    or name.lower() in _NUMBER_WORDS:
                continue  # numbers, also "Two" opening a sentence, are checked as numbers below
            pattern = r"(?<![\w])" + re.escape(name) + r"(?![\w])"
            if re.search(pattern, text) or known.demonym(name) or known.acronym(name):
                continue
            if at_start and number == 0 and (re.search(pattern, text, re.IGNORECASE)
                                             or name.lower() in _FUNCTION_WORDS or known.inflected(name)):
                continue
            missing.append(name)
    numbers = article_numbers(text)
    for match in _NUMBER.finditer(claim):
        if _number_key(match.group()) not in numbers:
            missing.append(match.group())
    for word in re.findall(r"[a-z]+", claim.lower()):
        # "one" is more often a pronoun ("one of the largest") than a count
        if word in _NUMBER_WORDS and word not in ("zero", "one") and _NUMBER_WORDS[word] not in numbers:
            missing.append(word)
    return list(dict.fromkeys(missing))


_STOPWORDS = frozenset("the a an of and for to in on at by its their his her 's".split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", normalise(re.sub(r"['’]s\b", "", text)))


def named_in(name: str, text: str) -> bool:
    """Whether every content word of `name` occurs in `text`, at the start of one of its words
    ("the Seoul government" in an article that says "…the government in Seoul…", "protestor" in one
    that says "protestors"): a decider must be one the article speaks of."""
    haystack = set(_words(text))
    words = [w for w in _words(name) if w not in _STOPWORDS]

    def occurs(word: str) -> bool:
        if word in haystack or (word.endswith("s") and word[:-1] in haystack):
            return True  # "protestors" for an article's "protestor"
        return len(word) >= 4 and any(h.startswith(word) for h in haystack)

    return bool(words) and all(occurs(word) for word in words)


# --- explicit contradictions ------------------------------------------------------------------------
#
# A status is contradicted only by a sentence that REPORTS the opposite decision: a decision verb in
# a form that states an outcome ("rejected", "has not been approved", "turned it down"), not the
# absence of a cue word, a noun ("awaiting approval"), a hypothetical ("could reject", "if approved")
# or a verb that happens to sit near "against" ("rules … discriminated against"). Verbs whose
# direction depends on their object ("quashed", "overturned", "upheld", "struck down") never count.
# A sentence reporting both directions (a split decision) contradicts nothing.

_GRANT = (r"approv(?:ed|es)|grant(?:ed|s)|accept(?:ed|s)|allow(?:ed|s)|authori[sz](?:ed|es)|"
          r"permit(?:ted|s)|endors(?:ed|es)|green[- ]?light(?:ed|s)|green-lit|"
          r"(?:gave|given|giv(?:es|ing)|got|gets|won|wins) (?:\w+ ){0,2}(?:go-ahead|green light|approval)")
_REFUSE = (r"reject(?:ed|s)|refus(?:ed|es)|declin(?:ed|es)|den(?:ied|ies)|dismiss(?:ed|es)|"
           r"turn(?:ed|s) (?:\w+ ){0,2}down|veto(?:ed|es)|(?:threw|thrown|throws) (?:\w+ ){0,2}out|"
           r"vot(?:ed|es) (?:\w+ ){0,4}(?:down|against)")
_GRANT_BASE = r"approve|grant|accept|allow|authori[sz]e|permit|endorse|back|support"
_VERB = re.compile(rf"\b(?:(?P<grant>{_GRANT})|(?P<refuse>{_REFUSE}))\b")
_NEGATED_GRANT = re.compile(rf"\b(?:not|never|n't|no longer)\s+(?:\w+\s+){{0,2}}(?:{_GRANT_BASE}|{_GRANT})\b")
_NEGATION = re.compile(r"\b(?:not|never|n't|no longer)\s+(?:\w+\s+){0,2}$")
# an outcome not (yet) reported: a modal, a condition, an expectation, a wish
_HYPOTHETICAL = re.compile(
    r"\b(?:could|would|might|may|will|shall|should|can|cannot|must|if|unless|whether|once|when|"
    r"expected|likely|possibly|probably)\s+(?:\w+\s+){0,2}$")
# "declined to comment", "denied wrongdoing": refusals of something other than a request
_NOT_A_DECISION = re.compile(
    r"^(?:\s+to\s+(?:comment|say|speak|discuss|elaborate|confirm|reveal|disclose|name|answer|respond|"
    r"give|be drawn|be interviewed)|\s+(?:that|any|wrongdoing|allegations?|the allegations?|reports?|"
    r"the reports?|rumou?rs?|the rumou?rs?|claims? that|the claims? that|responsibility)\b)")
_REQUEST_NOUNS = frozenset(
    "request application appeal bid plan plans proposal proposals offer claim case petition motion bill "
    "deal merger takeover demand demands challenge licence license permission it them".split())


def decision_cues(sentence: str | None) -> dict[str, str]:
    """The decisions a sentence reports, as {"grant"|"refuse": the words that say so}."""
    if not sentence:
        return {}
    text = normalise(sentence).replace("n't", " n't")
    found: dict[str, str] = {}
    for match in _NEGATED_GRANT.finditer(text):
        found.setdefault("refuse", match.group())
    for match in _VERB.finditer(text):
        before, after = text[: match.start()], text[match.end():]
        if _HYPOTHETICAL.search(before) or _NEGATION.search(before):
            continue  # a negated grant is counted above; a negated refusal is no grant to rely on
        kind = "grant" if match.group("grant") else "refuse"
        if kind == "refuse" and _NOT_A_DECISION.search(after):
            continue
        found.setdefault(kind, match.group())
    return found


def _related(sentence: str, about: list[str | None]) -> bool:
    """Whether the sentence speaks of the request: a request noun, or a content word of the
    model's own request or requester (by its first five letters: "Ukrainian" ~ "Ukraine")."""
    words = set(_words(sentence))
    if words & _REQUEST_NOUNS:
        return True
    stems = {w[:5] for w in words if len(w) >= 4}
    wanted = {w[:5] for text in about if text for w in _words(text) if len(w) >= 4 and w not in _STOPWORDS}
    return bool(stems & wanted)


def contradiction(status: Status, evidence: str | None, *, about: list[str | None] | None = None) -> str | None:
    """Why `status` is contradicted by the decision's evidence sentence, or None when it isn't.

    `about`: the model's request and requester; a decision verb in a sentence about something else
    ("the minister dismissed the report") contradicts nothing.
    """
    if status not in (Status.APPROVED, Status.DECLINED) or not evidence:
        return None
    found = decision_cues(evidence)
    if len(found) != 1 or (about is not None and not _related(evidence, about)):
        return None
    if status == Status.APPROVED and "refuse" in found:
        return (f'status is "approved" but its decision evidence reports a refusal ("{found["refuse"]}"): '
                f'"{_one_line(evidence)}"')
    if status == Status.DECLINED and "grant" in found:
        return (f'status is "declined" but its decision evidence reports a grant ("{found["grant"]}"): '
                f'"{_one_line(evidence)}"')
    return None


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
