"""How much text the summariser is handed: bounded, so no page can hold a CPU for minutes.

    article = bound_article(article)     # at most MAX_TEXT_CHARS, no line longer than MAX_LINE_CHARS

The heuristic summariser's cost grows faster than linearly with the length of one sentence: a page
that is one 100 KB run-on "sentence" took 45 s, 200 KB 220 s. News articles are a few thousand
words in paragraphs of a few sentences, so:

- a paragraph (one line of `Article.text`) longer than MAX_LINE_CHARS is split into lines at
  sentence ends; one sentence longer than that keeps its first MAX_LINE_CHARS (to a space);
- hard-wrapped lines (no end punctuation, next line lowercase), which the sentence splitter joins,
  get a blank line between them before the joined paragraph passes MAX_LINE_CHARS;
- paragraphs after MAX_TEXT_CHARS are dropped.

Everything kept is the page's own text, unchanged, so evidence stays verbatim. (The worker's CPU
process also has a deadline per page: CPU_TASK_TIMEOUT.)
"""

from __future__ import annotations

import re

from bot.models import Article

MAX_TEXT_CHARS = 50_000
MAX_LINE_CHARS = 2_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")
_LINE_END = re.compile(r"[.!?:;\"”’)]$")  # bot.text's: a line ending so is not joined to the next


def bound_text(text: str, *, max_chars: int = MAX_TEXT_CHARS, max_line: int = MAX_LINE_CHARS) -> str:
    """`text` cut to the limits above (the same text when it is within them)."""
    if len(text) <= max_line:
        return text
    lines: list[str] = []
    total = run = 0
    joinable = False
    for raw in text.split("\n"):
        for line in _pieces(raw.strip(), max_line) if len(raw) > max_line else [raw.strip()]:
            if not line:
                joinable, run = False, 0
            elif joinable and line[0].islower():
                # bot.text joins a hard-wrapped line to the one before: never past max_line
                if run + len(line) > max_line:
                    lines.append("")
                    run = 0
                run += len(line) + 1
            else:
                run = len(line)
            if line:
                joinable = not _LINE_END.search(line)
            lines.append(line)
            total += len(line) + 1
        if total >= max_chars:
            break
    return "\n".join(lines).strip("\n")


def _pieces(line: str, limit: int) -> list[str]:
    """A long paragraph as lines of at most `limit`, split at sentence ends; a single sentence longer
    than `limit` keeps its first `limit` characters (to a space) and loses the rest."""
    pieces: list[str] = []
    rest = line
    while len(rest) > limit and len(pieces) < MAX_TEXT_CHARS // 100:
        head = rest[:limit]
        ends = [m.end() for m in _SENTENCE_END.finditer(head)]
        if ends:
            pieces.append(head[:ends[-1]].rstrip())
            rest = rest[ends[-1]:].lstrip()
            continue
        space = head.rfind(" ")
        pieces += [head[:space] if space > limit // 4 else head, ""]  # "": not joined to what follows
        following = _SENTENCE_END.search(rest, limit)  # the run-on sentence's end, if it has one
        rest = rest[following.end():].lstrip() if following else ""
    if rest:
        pieces.append(rest)
    return pieces


def bound_article(article: Article) -> Article:
    """The article with its text bounded (the same object when nothing had to be cut)."""
    text = bound_text(article.text)
    return article if text == article.text else article.model_copy(update={"text": text})
