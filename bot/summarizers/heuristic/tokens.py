"""Sentences and their tokens: the first stage.

    sents = read_sentences("Council rejects plan", "The council rejected the plan on Monday.", budget)
    sents[0].headline, [t.text for t in sents[1].tokens]
    # True, ['The', 'council', 'rejected', 'the', 'plan', 'on', 'Monday', '.']

Each token keeps its character offsets into its sentence (so a phrase is a verbatim slice), its
lower-case form, and whether it sits inside a quotation. Sentences come from
`bot.text.split_sentences` (linear time); the headline is sentence 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.summarizers.heuristic import lexicon as lx
from bot.summarizers.heuristic.budget import Budget
from bot.text import split_sentences

# A word (with inner hyphens, apostrophes, dots and digits: "anti-war", "Court's", "U.S.", "£4.5m"),
# or one other non-space character. No nested quantifiers: linear on any input.
_TOKEN = re.compile(r"[£$€]?\w+(?:[-'’.,]\w+)*%?|[^\w\s]")
_OPEN_QUOTES = {'"', "“", "‘"}
_CLOSE_QUOTES = {'"', "”", "’"}


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    lower: str
    start: int  # character offsets in the sentence text
    end: int
    quoted: bool  # inside a quotation
    title_cased: bool = False  # a capital a title-case headline gave a word the article writes in lower case

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper() and not self.title_cased

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum() or self.text[:1] in "£$€"


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    text: str
    tokens: tuple[Token, ...]
    headline: bool = False

    def span(self, start: int, end: int) -> str:
        """The verbatim text of tokens [start, end)."""
        if start >= end:
            return ""
        return self.text[self.tokens[start].start : self.tokens[end - 1].end]

    def lowers(self) -> list[str]:
        return [t.lower for t in self.tokens]


def tokenize(text: str, limit: int | None = None) -> tuple[Token, ...]:
    """Tokens of one sentence; at most `limit` of them."""
    out: list[Token] = []
    quoted = False
    for match in _TOKEN.finditer(text):
        piece = match.group()
        is_quote = piece in _OPEN_QUOTES or piece in _CLOSE_QUOTES
        if is_quote:
            # straight quotes toggle; curly ones say which side they are
            if piece == '"':
                quoted = not quoted
            else:
                quoted = piece in _OPEN_QUOTES
            out.append(Token(piece, piece, match.start(), match.end(), False))
        else:
            if piece.endswith(",") and len(piece) > 1 and not piece[-2].isdigit():
                piece = piece[:-1]
            out.append(Token(piece, piece.lower(), match.start(), match.start() + len(piece), quoted))
        if limit is not None and len(out) >= limit:
            break
    return tuple(out)


def read_sentences(title: str | None, text: str, budget: Budget) -> list[Sentence]:
    """The headline (if any) and the body's sentences, tokenised, within the budget."""
    sentences: list[Sentence] = []
    head = " ".join(title.split())[:400] if title and title.strip() else ""
    if head:
        sentences.append(Sentence(0, head, (), headline=True))  # its tokens once the body is read
    body = (text or "")[: budget.max_chars]
    for raw in split_sentences(body):
        if len(sentences) >= budget.max_sentences or budget.spent():
            break
        if not any(ch.isalpha() for ch in raw[:200]):
            continue
        tokens = tokenize(raw, budget.max_sentence_tokens)
        if tokens:
            sentences.append(Sentence(len(sentences), raw, tokens))
    if head:
        sentences[0] = Sentence(0, head, _headline_tokens(head, sentences[1:], budget.max_sentence_tokens), headline=True)
    return sentences


_FUNCTION_WORDS = lx.PREPOSITIONS | lx.DETERMINERS | lx.CLAUSE_BREAKS | frozenset(("and", "or", "to", "as", "is", "are"))
_TITLE_CASE_SHARE = 0.7  # of a headline's words capitalised, from which its capitals say nothing


def _headline_tokens(head: str, body: list[Sentence], limit: int) -> tuple[Token, ...]:
    """A title-case headline ("Council Grants Permit For Pump Station") capitalises verbs and
    common nouns as well as names. A word the body writes in lower case and never with a capital
    inside a sentence, or a known word (`lexicon`, function words) the body never capitalises, is
    read as the lower-case word it is ("grants", "permit", "for"); "Fenby" or "Dunn", which the body
    capitalises, and words it never uses, stay names."""
    tokens = tokenize(head, limit)
    words = [t for t in tokens if t.word and t.text[:1].isalpha()]
    if len(words) <= 2 or sum(t.cap for t in words) <= _TITLE_CASE_SHARE * len(words):
        return tokens
    mid_capital: set[str] = set()
    any_capital: set[str] = set()
    lower: set[str] = set()
    for sentence in body:
        for k, t in enumerate(sentence.tokens):
            if not t.word:
                continue
            form = _bare(t.lower)
            if t.cap:
                any_capital.add(form)
                if k > 0:
                    mid_capital.add(form)
            else:
                lower.add(form)

    def common(t: Token) -> bool:
        form = _bare(t.lower)
        if not t.cap or t.text.isupper() or form in mid_capital:
            return False
        return form in lower or (form not in any_capital and (lx.lookup(form) is not None or form in _FUNCTION_WORDS))

    return tuple(replace(t, title_cased=True) if common(t) else t for t in tokens)


def _bare(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s")
