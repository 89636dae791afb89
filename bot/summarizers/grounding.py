"""Grounding: what an LLM says must be traceable to the article, or it is dropped.

    index = SentenceIndex(article)                 # the article's sentences (bot.text), headline too
    index.find("Seoul  declined the request .")    # -> the ARTICLE's sentence, or None
    invented_terms("Kim met Putin in 2030.", index.text)   # -> ["Putin", "2030"] if not in the article
    contradiction(Status.APPROVED, "The court rejected the appeal.")   # -> a one-line reason, or None
    supports(Status.DECLINED, "The court rejected the appeal.")        # -> True

Matching an evidence quote is lenient only about form: whitespace, curly vs straight quotes and
dashes, case, a missing final full stop, a quote that is most of one sentence (≥ 80 %), or two or
three consecutive sentences quoted as one. What is stored is always the article's own text.

Status cues are word lists, not understanding: they catch the model saying "approved" while
quoting "rejected", and decide whether the model's status has any support when it disagrees with
the heuristic summariser. A negated approval ("did not approve") counts as a refusal.
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
        self._exact = {}
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


def invented_terms(claim: str, article_text: str) -> list[str]:
    """Names (capitalised words) and numbers in `claim` that the article never mentions.

    Each word of a name is checked on its own, so "Prime Minister Blair" passes an article that
    says "Prime Minister Tony Blair"; a capitalised word at a sentence start may appear in
    lower case in the article ("Officials said…").
    """
    text = article_text.translate(_QUOTES)
    claim = claim.translate(_QUOTES)
    missing: list[str] = []
    for match in _NAME_TOKEN.finditer(claim):
        name = _clean_name(match.group())
        if len(name) < 2 or any(ch.isdigit() for ch in name) or name.lower() in _NUMBER_WORDS:
            continue  # numbers, also "Two" opening a sentence, are checked as numbers below
        pattern = r"(?<![\w])" + re.escape(name) + r"(?![\w])"
        if re.search(pattern, text):
            continue
        at_start = bool(_SENTENCE_START.search(claim[: match.start()]))
        if at_start and re.search(pattern, text, re.IGNORECASE):
            continue
        missing.append(name)
    known = article_numbers(text)
    for match in _NUMBER.finditer(claim):
        if _number_key(match.group()) not in known:
            missing.append(match.group())
    for word in re.findall(r"[a-z]+", claim.lower()):
        # "one" is more often a pronoun ("one of the largest") than a count
        if word in _NUMBER_WORDS and word not in ("zero", "one") and _NUMBER_WORDS[word] not in known:
            missing.append(word)
    return list(dict.fromkeys(missing))


_STOPWORDS = frozenset("the a an of and for to in on at by its their his her 's".split())


def named_in(name: str, text: str) -> bool:
    """Whether every content word of `name` occurs in `text` ("the Seoul government" in a sentence
    that says "…the government in Seoul…"): a decider must be one the evidence speaks of."""
    haystack = set(re.findall(r"\w+", normalise(text)))
    words = [w for w in re.findall(r"\w+", normalise(re.sub(r"['’]s\b", "", name))) if w not in _STOPWORDS]
    return bool(words) and all(word in haystack for word in words)


# --- status cues -----------------------------------------------------------------------------------

_APPROVE = re.compile(
    r"\b(approv\w*|grant(?:s|ed|ing)?|accept(?:s|ed|ing)?|allow(?:s|ed|ing)?|agree(?:s|d|ing)?|"
    r"authori[sz]\w*|permit(?:s|ted|ting)?|endors\w*|back(?:s|ed|ing)|pass(?:es|ed)?|"
    r"green[- ]?light\w*|go-ahead|cleared|award(?:s|ed)?|won|wins?|secur(?:es|ed))\b")
_DECLINE = re.compile(
    r"\b(reject\w*|declin\w*|refus\w*|den(?:y|ies|ied|ial)|dismiss\w*|turn(?:s|ed|ing)? down|"
    r"veto\w*|block(?:s|ed|ing)?|overrul\w*|(?:threw|thrown|throws?) out|vot(?:e|es|ed|ing) down|(?:vot|rul|decid|f[oi]u?nd)\w* (?:[\w-]+ ){0,4}against|"
    r"lost|loses?|fail(?:s|ed)?|barred|bans?|banned|snub\w*|rebuff\w*|scrap\w*|quash\w*|struck down)\b")
_PENDING = re.compile(
    r"\b(defer\w*|postpon\w*|delay\w*|await\w*|pending|adjourn\w*|consider\w*|review\w*|yet to|not yet|"
    r"will (?:decide|rule|vote|consider|announce)|expected to (?:decide|rule|vote|announce)|"
    r"to be decided|undecided|later this (?:week|month|year)|hearing)\b")
_PARTIAL = re.compile(
    r"\b(partly|partial\w*|in part|reduced|scaled[- ]back|cut|limited|temporar\w*|some of|part of|"
    r"only|but not)\b")
_NEGATION = re.compile(r"\b(not|never|no|without|n't)\s+(?:\w+\s+){0,2}$")


def cues(sentence: str | None) -> set[str]:
    """Which kinds of decision words a sentence holds: {"approve", "decline", "pending", "partial"}."""
    if not sentence:
        return set()
    text = normalise(sentence).replace("n't", " n't")
    found: set[str] = set()
    for match in _APPROVE.finditer(text):
        found.add("decline" if _NEGATION.search(text[: match.start()]) else "approve")
    if _DECLINE.search(text):
        found.add("decline")
    if _PENDING.search(text):
        found.add("pending")
    if _PARTIAL.search(text):
        found.add("partial")
    return found


def contradiction(status: Status, evidence: str | None) -> str | None:
    """Why `status` contradicts the decision's evidence sentence, or None when it doesn't."""
    found = cues(evidence)
    if status == Status.APPROVED and "decline" in found and "approve" not in found:
        return 'status is "approved" but the decision evidence says the request was refused'
    if status == Status.DECLINED and "approve" in found and "decline" not in found:
        return 'status is "declined" but the decision evidence says the request was granted'
    return None


def supports(status: Status, evidence: str | None) -> bool:
    """Whether the decision's evidence sentence backs `status` (used when two summarisers disagree)."""
    found = cues(evidence)
    if status == Status.UNKNOWN:
        return not ({"approve", "decline"} & found)
    if status == Status.APPROVED:
        return "approve" in found and "decline" not in found
    if status == Status.DECLINED:
        return "decline" in found
    if status == Status.PENDING:
        return "pending" in found
    if status == Status.PARTIAL:
        return "partial" in found or {"approve", "decline"} <= found
    return False
