"""The name an article gives a party it mostly calls by a description.

    named_antecedent(sentences, "developer", near=11, avoid={"council"})
    # ("Harcourt Homes", 2): "plans by Harcourt Homes, the developer, ..." in sentence 2

A brief that says "Requester: the developer" tells a reader nothing the article's first lines did
not. News copy names a party once and then describes it ("the firm", "the family", "the
applicant"), so the name sits elsewhere in the article, tied to the same noun in one of a few
shapes, tried in this order of trust:

    apposition     "Harcourt Homes, the developer," · "the developer, Harcourt Homes," ·
                   "developer Harcourt Homes"
    name + noun    "the Hartle family", "Allied Transport Workers' Union" (the noun ends the name)

The sentences are read nearest first: the description's own sentence, those before it back to
the headline, then a few after. Linear in the tokens read (at most `SCAN_SENTENCES` sentences).
"""

from __future__ import annotations

from bot.summarizers.heuristic import lexicon as lx
from bot.summarizers.heuristic.phrases import bare
from bot.summarizers.heuristic.tokens import Sentence

SCAN_SENTENCES = 40  # sentences read for a name, nearest first
AFTER = 5  # how many sentences after the description may name it
NAME_WORDS = 6  # the longest name taken
# nouns for a side in proceedings, which news copy uses like a name ("the applicant said")
ROLE_NOUNS = frozenset("""applicant applicants appellant appellants claimant claimants plaintiff
plaintiffs petitioner petitioners complainant complainants defendant defendants""".split())
_LINKS = frozenset(["of", "and", "&", "for"])
_OTHER_ONES = frozenset("rival another other second competing neighbouring neighboring former".split())
NEAR_BEFORE = 3  # sentences before the description (or AFTER it) in which a name ending in its noun is trusted
_PLACE_PREPOSITIONS = frozenset("in to near at from into across outside inside".split())
# what may follow the noun of an apposition: "Acme, the developer, ...", "..., the developer behind it"
_AFTER_APPOSITION = frozenset([",", ".", ")", ";", ":", "—", "–", "-", "of", "behind", "which", "who", "that",
                               "in", "based", "from", "for", "with", "at", "whose"])
# capitalised words that open a sentence without naming anything
_OPENERS = lx.DETERMINERS | lx.CLAUSE_BREAKS | lx.PRONOUNS | frozenset(
    "but and so yet meanwhile however now it in on at for after before".split())


def describes_party(text: str) -> bool:
    """A short lower-case description whose head is a kind of party: "developer", "Dutch firm"."""
    words = text.split()
    if not 1 <= len(words) <= 3 or words[-1][:1].isupper():
        return False
    return _head(words[-1]) in lx.PARTY_NOUNS | lx.BACK_NOUNS | ROLE_NOUNS | lx.AUTHORITY_HEADS


def named_antecedent(sentences: list[Sentence], description: str, near: int,
                     avoid: set[str], apposed_only: bool = False) -> tuple[str, int] | None:
    """The name the article gives the party `description` stands for, and its sentence; None when
    no sentence ties a name to the description's noun (with `apposed_only`, none sets one beside
    it). Names sharing a word with `avoid` (the other side's words) are skipped."""
    if not describes_party(description) or not sentences:
        return None
    head = _head(description.split()[-1])
    heads = {head, head + "s", head.removesuffix("s")} - {""}
    order = [*range(min(near, len(sentences) - 1), -1, -1),
             *range(near + 1, min(len(sentences), near + 1 + AFTER))][:SCAN_SENTENCES]
    fallback: tuple[str, int] | None = None
    for idx in order:
        sent = sentences[idx]
        apposed, ending = _names_for(sent, heads, avoid)
        if apposed is not None:
            return apposed, idx
        # a name ending in the noun ("the Hartle family") is trusted near the description, or when
        # the article names it again; not "since Britain left the European Union" for "the union"
        if ending is not None and fallback is None and (
                near - NEAR_BEFORE <= idx <= near + AFTER or _named_again(sentences, ending, idx)):
            fallback = ending, idx
    return None if apposed_only else fallback


def _named_again(sentences: list[Sentence], name: str, idx: int) -> bool:
    first = _head(name.split()[0])
    return any(any(t.lower.removesuffix("'s").removesuffix("’s") == first for t in s.tokens)
               for s in sentences[:SCAN_SENTENCES] if s.index != idx)


def _head(word: str) -> str:
    return bare(word).lower().strip(".,;:")


def _names_for(sent: Sentence, heads: set[str], avoid: set[str]) -> tuple[str | None, str | None]:
    """(a name in apposition with the noun, a name the noun ends) in one sentence."""
    toks = sent.tokens
    n = len(toks)
    apposed: str | None = None
    ending: str | None = None
    k = 0
    while k < n and apposed is None:
        start, end = _name_run(sent, k)
        if start < 0:
            k += 1
            continue
        name = sent.span(start, end)
        ok = not _shares(name, avoid)
        last = _head(toks[end - 1].text)
        if ok and end - start >= 2 and last in heads and ending is None:
            ending = name  # "Allied Transport Workers' Union"
        elif ok and end < n and toks[end].lower in heads and ending is None:
            ending = f"{name} {toks[end].text}"  # "the Hartle family"
        # "Harcourt Homes, the developer, said": a name, a comma, a determiner, the noun (past
        # lower-case words only) and what may follow an apposition; not "near Sutton Marsh, the
        # Hartle family" (another name) nor "moved to Vilnius, the company told staff" (a place,
        # then a clause)
        if ok and end + 2 < n and toks[end].text == "," and toks[end + 1].lower in ("the", "a", "an", "its") \
                and not (start > 0 and toks[start - 1].lower in _PLACE_PREPOSITIONS):
            at = next((j for j in range(end + 2, min(n, end + 5)) if toks[j].lower in heads), -1)
            between = toks[end + 2 : at] if at > 0 else ()
            # "Bellway, a rival developer,": another of the kind, not the one described
            if at > 0 and not any(t.cap or t.lower in _OTHER_ONES for t in between) and (
                    at + 1 >= n or toks[at + 1].lower in _AFTER_APPOSITION):
                apposed = name
        # "the developer, Harcourt Homes," and "developer Harcourt Homes" (maybe "the
        # competition watchdog, the CMA,", "the watchdog the CMA")
        before = start - 1
        if before >= 1 and toks[before].lower == "the":
            before -= 1
        # (not "In a letter to the developer, Councillor Jane Hill said": a new clause's subject)
        if ok and before >= 1 and toks[before].text == "," and toks[before - 1].lower in heads \
                and (end >= n or not toks[end].word):
            apposed = name
        elif ok and before >= 0 and toks[before].lower in heads and not toks[before].cap:
            apposed = name
        k = end
    return apposed, ending


def _name_run(sent: Sentence, k: int) -> tuple[int, int]:
    """The capitalised run of words starting at token k ("Allied Transport Workers' Union",
    "Bank of England"), or (-1, -1). A sentence's first word counts only if it is no opener."""
    toks = sent.tokens
    if not (toks[k].cap and toks[k].word) or sent.headline:
        return -1, -1
    if k == 0 and toks[k].lower in _OPENERS:
        return -1, -1
    if k > 0 and toks[k - 1].cap and toks[k - 1].word and not (k == 1 and toks[0].lower in _OPENERS):
        return -1, -1  # inside a run already read ("The Allied..." starts at "Allied")
    end = k
    n = len(toks)
    while end < n and end - k < NAME_WORDS:
        t = toks[end]
        if t.word and t.cap:
            end += 1
        elif end + 1 < n and toks[end + 1].cap and toks[end + 1].word and (
                (t.word and t.lower in _LINKS)
                or (t.text in ("'", "’") and toks[end - 1].lower.endswith("s"))):  # "Workers' Union"
            end += 1
        else:
            break
    return k, end


def _words(text: str) -> set[str]:
    return {_head(w) for w in text.split()} - lx.DETERMINERS


def _shares(name: str, avoid: set[str]) -> bool:
    """The name shares a word with `avoid`, or a longer form of one ("Councillor" for "council")."""
    mine = _words(name)
    # the longer form only of a body's noun: "Councillor" for "council" (not "Greenpeace" for Judge Green)
    return bool(mine & avoid) or any(w.startswith(a) for w in mine for a in avoid & lx.AUTHORITY_HEADS)
