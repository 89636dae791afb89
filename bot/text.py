"""Sentence splitting for news text that survives abbreviations, initials, decimals and quotes.

    split_sentences('Mr. Smith met Dr. Jones in the U.S. on Jan. 5. They agreed.')
    # ['Mr. Smith met Dr. Jones in the U.S. on Jan. 5.', 'They agreed.']

Each sentence is a substring of the input with its whitespace collapsed to single spaces, so
`" ".join(text.split())` contains every sentence verbatim — evidence can be found in the article.
A newline ends a sentence (`Article.text` holds one paragraph per line); a line that ends without
punctuation and is followed by a lowercase line is treated as a hard wrap and joined instead.
Pure and deterministic.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

# Words after which a period never ends a sentence: titles and the like sit before a name/number.
_TITLES = frozenset(
    """mr mrs ms mx dr prof rev fr sr jr st mt ft gen col lt maj capt cpt sgt cmdr adm gov sen rep
    pres supt insp det hon messrs mme mlle no nos nr vol vols pp fig figs art sec ch para op cf vs v
    approx est dept univ assn bros corp inc ltd co plc jan feb mar apr jun jul aug sep sept oct nov dec
    e.g i.e etc al""".split()
)
# Of those, the ones that often end a sentence too ("... said Acme Inc. The firm ...").
_MAY_END = frozenset("inc ltd co corp plc bros etc al jr sr".split())
# Of those, the ones that stand before a number only ("No. 5", "Art. 8"): "asked them to say no. The"
# ends a sentence
_BEFORE_A_NUMBER = frozenset("no nos nr pp fig figs art para".split())  # (not "Sec.", "Vol.": Sec. Rice, Vol. II)
# Months: "Jan. 5" continues, "in Jan. The" ends.
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Words that begin sentences; after an ambiguous abbreviation ("U.S.", "Inc.") they signal a break.
_STARTERS = frozenset(
    """the a an he she it they we i you this that these those there his her its their our my but and
    however yet so in on at for as if when while after before since although though meanwhile
    instead also still now then last next earlier later yesterday today tomorrow some many most
    one two three four five several both all no not mr mrs ms dr officials analysts critics""".split()
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"(\.\.\.|…|[.!?]+)([\"'”’)\]]*)(\s+)")
_WORD_BEFORE = re.compile(r"([\w.'’&-]+)$")
_NEXT_TOKEN = re.compile(r"[\"'“‘(\[]*([\w$£€]+)")
_INITIAL = re.compile(r"[A-Za-z]")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?")
_LINE_END = re.compile(r"[.!?:;\"”’)]$")
_WINDOW = 200  # characters either side of a boundary that decide it; words are shorter


def split_sentences(text: str) -> list[str]:
    """Split text into sentences, each a whitespace-normalised substring of the text."""
    sentences: list[str] = []
    for paragraph in _paragraphs(text or ""):
        sentences.extend(_split_paragraph(paragraph))
    return sentences


def _paragraphs(text: str) -> list[str]:
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")]
    paragraphs: list[str] = []
    joinable = False
    for line in lines:
        if not line:
            joinable = False
            continue
        if joinable and paragraphs and line[0].islower():
            paragraphs[-1] += " " + line  # a hard-wrapped line: the sentence goes on
        else:
            paragraphs.append(line)
        joinable = not _LINE_END.search(line)
    return paragraphs


def _split_paragraph(paragraph: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end(2)  # the sentence keeps its punctuation and closing quotes
        if _is_boundary(paragraph, match):
            piece = paragraph[start:end].strip()
            if piece:
                out.append(piece)
            start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def _is_boundary(paragraph: str, match: re.Match) -> bool:
    punct, closers = match.group(1), match.group(2)
    # look at the text around the boundary only: slicing or searching the whole paragraph at
    # every boundary made one long paragraph quadratic (minutes for a pasted report)
    after = paragraph[match.end() : match.end() + _WINDOW]
    nxt = _NEXT_TOKEN.match(after)
    if not nxt:
        return bool(after.strip()) is False or not after[:1].isalnum()
    next_word = nxt.group(1)
    opens_quote = after[:1] in "\"'“‘"
    # A lowercase continuation is never a new sentence ("... trust... to insist", '"Why?" he asked').
    if next_word[0].islower():
        return False
    if punct != ".":
        return True  # ! ? and ellipses followed by a capital or a quote
    if closers:
        return True  # '."' — the quotation and the sentence end together
    before = _WORD_BEFORE.search(paragraph[max(0, match.start() - _WINDOW) : match.start()])
    word = before.group(1) if before else ""
    bare = word.strip(".'’").lower()
    starter = next_word.lower() in _STARTERS or opens_quote
    if bare in _TITLES and "." not in bare:
        if bare in _MONTHS:
            return not next_word[0].isdigit() and starter
        if bare in _MAY_END:
            return starter
        if bare in _BEFORE_A_NUMBER:
            return not next_word[0].isdigit()
        return False  # "Mr. Smith", "St. Louis"
    if _INITIAL.fullmatch(bare):
        return False  # an initial: "J. K. Rowling"
    if _ACRONYM.fullmatch(word.rstrip(".") + "."):
        # dotted acronyms ("U.S.", "U.K.", "e.g.") end a sentence only before a typical starter
        return starter and bare not in {"e.g", "i.e"}
    return True
