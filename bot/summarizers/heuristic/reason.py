"""The reason for the decision: candidate grounds near it, ranked by fitted weights.

    text, sentence = reason_for(sentences, choice, weights)

Candidates (`ReasonCandidate`), each a verbatim clause or sentence of the article:

    rule       what the hand-written rule picks (`rule_reason`): a cue of grounds after the
               decision ("because", "citing", "in response to", a delay's purpose "to give X
               time"), else what the decider (or whoever speaks for it, never the requester)
               said in the sentences after it
    cue        a cue of grounds in a sentence near the decision ("..., because X")
    statement  what the decider (or whoever speaks for it) said there ("The board said X")
    speech     what anyone said, found or wrote there ("X, the report found": the clause after the verb)
    sentence   the sentence itself

Each has general features (its kind, its distance from the decision, who speaks, whether the
requester argues it, words of grounds in it); a listwise logistic regression fitted on the tune
halves (`bench/fit_reason.py`) scores them, and the likeliest is the reason. Without fitted
weights the rule's pick stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.summarizers.heuristic import lexicon as lx
from bot.summarizers.heuristic.choose import party_words
from bot.summarizers.heuristic.phrases import MONTHS, NAME_STOPS
from bot.summarizers.heuristic.tokens import Sentence
from bot.summarizers.heuristic.types import TEXT_CAP, Choice, EventKind, trim
from bot.summarizers.heuristic.weights import Weights

# more cues of grounds: "in response to", "in light of"; and of the purpose of a delay
# ("adjourned the hearing to give the lenders time", "deferred pending a report")
REASON_CUES = (*lx.REASON_CUES, "in response to", "in light of", "in view of", "on the basis that",
               "on the basis of", "for lack of", "for failing to", "noting that", "ruling that", "finding that",
               "concluding that", "after it found", "after they found")
# why a decision waits: a purpose ("to give the lenders time"), or what it waits for ("until the review
# reports", "while an independent review is completed"); a bare date after "until" is no cause
DELAY_CUES = ("to give", "to allow", "to enable", "so that", "in order to", "pending", "while it", "while they",
              "until", "while an", "while a", "while the", "once")


_TEMPORAL_CUES = frozenset(["since", "after", "as", "until", "once"])
_TIME_AFTER = frozenset("""a an the last next this that two three four five six seven eight nine ten several
weeks months years days hours minutes""".split()) | lx.TIME_WORDS | MONTHS


_UNTIL_TIMES = frozenset("""later early mid further next spring summer autumn fall winter new end start
beginning meeting again more before""".split())


def _until_a_time(rest: str) -> bool:
    """After "until"/"once", a time or an adverb ("until later this year", "until its next meeting",
    "until the spring", "until further notice", "once again"), not what the decision waits for."""
    words = [w.strip(".,;:").lower() for w in rest.split()[:3]]
    if _time_follows(rest):
        return True
    if words and (words[0] in _UNTIL_TIMES or words[0].startswith("mid")):
        return True
    return len(words) > 1 and words[0] in ("the", "its", "their", "a", "an") and (
        words[1] in _UNTIL_TIMES or words[1] in MONTHS or words[1].startswith("mid"))


def _time_follows(rest: str) -> bool:
    """The words after "since"/"after" name a time: "since 2003", "after two weeks", "after last year"."""
    words = [w.strip(".,;:") for w in rest.split()[:3]]
    if not words or not words[0]:
        return True
    if words[0][:1].isdigit() or words[0] in lx.TIME_WORDS or words[0] in MONTHS:
        return True
    return words[0] in ("a", "an", "the", "two", "three", "four", "five", "several", "last", "next", "this") and \
        len(words) > 1 and (words[1].strip(".,") in _TIME_AFTER or words[1][:1].isdigit())


_SCHEDULED_VERBS = frozenset("""take be have start begin open close come go meet report end rule decide
finish sit arrive expire run return resume appear give make hear vote launch""".split())


_LOOK = 80  # characters read around a cue: what follows or precedes it is told in a few words, and a
# bounded look keeps a sentence of many cues ("until later, until later, ...") linear


def _scheduled(lower: str, pos: int) -> bool:
    """ "is due to take effect", "had been due to rule": "be due to" before a verb sets a date (not
    "refused due to close proximity", where "close" is no verb)."""
    rest = lower[pos + len(" due to ") : pos + len(" due to ") + _LOOK].split()
    before = lower[max(0, pos - _LOOK) : pos].split()[-1:]
    return bool(rest) and rest[0].strip(".,") in _SCHEDULED_VERBS and bool(before) and (
        before[0] in lx.BE or before[0] in lx.ADVERBS)  # "is due to", "(a hearing) now due to take place"


def _cue_tail(text: str, after: int, cues: tuple[str, ...] = REASON_CUES) -> str | None:
    lower = text.lower()
    best = None
    for cue in cues:
        pos = lower.find(" " + cue + " ", after)
        while pos >= 0 and cue in _TEMPORAL_CUES and (_until_a_time if cue in ("until", "once") else _time_follows)(
                lower[pos + len(cue) + 2 : pos + len(cue) + 2 + _LOOK]):
            pos = lower.find(" " + cue + " ", pos + 1)  # "since 2003", "after a week": a time, no ground
        while pos >= 0 and cue == "due to" and _scheduled(lower, pos):
            pos = lower.find(" " + cue + " ", pos + 1)  # "had been due to take effect": a date, no ground
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, cue)
    if best is None:
        return None
    pos, cue = best
    # a purpose keeps its cue ("to give the lenders time"); a ground drops it ("because | X")
    tail = text[pos + 1 :].strip() if cue in DELAY_CUES else text[pos + len(cue) + 2 :].strip()
    return tail or None


def rule_reason(sentences: list[Sentence], choice: Choice) -> tuple[str | None, str | None]:
    decision = choice.decision
    if decision is None:
        return None, None
    pool = [decision, *choice.support]
    decider = choice_decider(choice)
    avoid = (party_words(choice.requester.text) - decider) if choice.requester is not None else set()
    for e in pool[:4]:
        sent = sentences[e.sentence]
        offset = sent.tokens[e.index].start
        cues = (*REASON_CUES, *DELAY_CUES) if e.kind is EventKind.DEFERRAL else REASON_CUES
        tail = _cue_tail(sent.text, offset, cues) or _after_tail(sent.text, offset)
        if not tail and e is decision:
            # "... was due to decide, but officers said they needed time": a statement in the clause
            # after the decision, by someone who speaks for the decider
            said = _statement_by(sent, decider, near=True, avoid=avoid, after=e.index)
            if said and not (sent.text.startswith(said) and sent.tokens[e.index].start < len(said)):
                # "X, the board said", where X is the decision itself, is no ground for it
                return said, sent.text
        if tail:
            nxt = sentences[e.sentence + 1] if e.sentence + 1 < len(sentences) else None
            if nxt is not None and nxt.tokens and nxt.tokens[0].lower in lx.ADDITIVE_STARTS:
                extra = nxt.text.split(",", 1)[-1].strip() if "," in nxt.text[:30] else nxt.text
                tail = f"{tail.rstrip('.')}; {extra}"
            elif len(tail.split()) <= SHORT_REASON:
                # a short ground ("saying he will not be sold") with the decider's own words next
                for idx in range(e.sentence + 1, min(len(sentences), e.sentence + 3)):
                    said = _statement_by(sentences[idx], decider, near=True, avoid=avoid)
                    if said and len(tail) + len(said) + 2 <= TEXT_CAP:
                        tail = f"{tail.rstrip('.')}; {said}"
                        break
            return tail, sent.text
    # the next sentences: "The judge said ...", "..., the board said.", "Mr <Last> said" for "minister <First> <Last>"
    decider = decider | _decider_people(sentences, decider, decision.sentence + REASON_WINDOW)
    for idx in range(decision.sentence + 1, min(len(sentences), decision.sentence + REASON_WINDOW)):
        sent = sentences[idx]
        tail = _cue_tail(sent.text, 0)
        if tail and idx <= decision.sentence + 2 and not _by_requester(sent, avoid, tail):
            return tail, sent.text
        # "It said ..." stands for the subject of the sentence before: the decider's only if it opens there
        said = _statement_by(sent, decider, near=idx <= decision.sentence + 2, avoid=avoid,
                             pronoun=idx == decision.sentence + 1 or _opens_with(sentences[idx - 1], decider))
        if said:
            return said, sent.text
    return None, None


SHORT_REASON = 10  # words


def _decider_people(sentences: list[Sentence], decider: set[str], upto: int) -> set[str]:
    """Surnames of people titled by the decider's role ("the <area> minister <First> <Last>" when
    the decider is that ministry), so that "Mr/Ms <Last> said" speaks for it later."""
    names: set[str] = set()
    for sent in sentences[:upto]:
        if sent.headline:
            continue  # a title-case headline capitalises words that are no names
        toks = sent.tokens[:60]
        for k, t in enumerate(toks):
            if t.lower not in lx.AUTHORITY_HEADS or not {x.lower for x in toks[max(0, k - 3) : k + 1]} & decider:
                continue
            m = k + 1
            while m < len(toks) and m - k <= 3 and toks[m].word and toks[m].cap and _name_word(toks[m].lower):
                m += 1
            if m > k + 1:
                names.add(toks[m - 1].lower.removesuffix("'s").removesuffix("’s"))
    return names


def _name_word(word: str) -> bool:
    """A capitalised word that can be part of a person's name: no function word, verb or body."""
    return word not in NAME_STOPS and word not in lx.AUTHORITY_HEADS and lx.lookup(word) is None \
        and word not in lx.DETERMINERS and word not in lx.PRONOUNS


def _opens_with(sent: Sentence, decider: set[str]) -> bool:
    """The sentence's opening words (its subject, mostly) name the decider or a deciding body."""
    words = {t.lower.removesuffix("'s").removesuffix("’s") for t in sent.tokens[:OPENING] if t.word}
    return bool(words & decider or words & _SPEAKING_BODIES)


OPENING = 10  # tokens


def _by_requester(sent: Sentence, avoid: set[str], tail: str) -> bool:
    """A ground the requester gives ("X claimed he owned the name because..."): its argument."""
    head = sent.text[: max(0, len(sent.text) - len(tail))]
    words = {w.strip(".,'’\"“”()").lower().removesuffix("'s") for w in head.split()}
    return bool(words & avoid) or bool(words & _ARGUING)


# arguing or asking verbs before the cue: the ground is a party's case, not the decision's
_ARGUING = frozenset("""claimed claims claim argued argues argue arguing alleged alleges insisted insists complained
asked asks urged urges sought seeks wanted wants appealed applied""".split())


def _after_tail(text: str, offset: int) -> str | None:
    """What the decision came after, when that is no time and no mere procedure ("agreed after
    talks on security", not "rejected after a two-hour meeting", "after two weeks", "18 months
    after they were sought"), and in the decision's own clause (not "members who say they were
    charged after trying to quit")."""
    tail = _cue_tail(text, offset, ("after",))
    if not tail or {w.strip(".,\"“”").lower() for w in tail.split()[:4]} & _PROCEDURE:
        return None
    between = text[offset : len(text) - len(tail)].lower().split()
    if between[-2:-1] and between[-2].strip(",") in _SPANS_OF_TIME:
        return None  # "(more than) 18 months after": a time
    if _open_relative(between):
        return None  # inside a relative clause, not the decision's own
    return tail


def _open_relative(words: list[str]) -> bool:
    """A relative clause opened ("members who say ...") and not closed by a comma before the end
    ("Mr Lee, who has been in custody since May, | after ...")."""
    opened = False
    for w in words:
        if w in ("who", "whom", "which", "whose"):
            opened = True
        elif w.endswith(",") and opened:
            opened = False
    return opened


_SPANS_OF_TIME = lx.TIME_UNITS | frozenset("moments shortly soon long".split())


_PROCEDURE = frozenset("meeting meetings hearing hearings debate debates vote votes session sessions".split())


REASON_WINDOW = 12
_FINDING_VERBS = frozenset("agreed agrees accepted accepts considered felt judged believed recognised".split())
_SAID = frozenset("said says wrote added explained noted stated".split())
_RULED = frozenset("found concluded ruled held decided".split())
_STATEMENT_VERBS = _SAID | _RULED | frozenset("argued told tells warned insisted cited".split()) | _FINDING_VERBS


def choice_decider(choice: Choice) -> set[str]:
    words: set[str] = set()
    if choice.decider is not None:
        words |= party_words(choice.decider)
    return words


# heads of a speaker that speaks for a deciding body (a company's "chief executive" speaks for the firm)
_SPEAKING_BODIES = (lx.AUTHORITY_HEADS | frozenset(["officers"])) - frozenset(
    "union unions association federation shareholders directors".split())
THAT_NEAR = 8  # tokens after a speech verb within which "that" opens the statement ("told MPs that")
THAT_FAR = 14  # after "said in a statement to the press that"
# deciders that are one person, whom "he" or "she" can stand for
_PERSONAL = frozenset("judge justice minister secretary president chancellor governor mayor commissioner "
                      "inspector arbitrator ombudsman premier chairman chairwoman chair".split())
_OFFICERS = frozenset("manager chairman chairwoman boss coach head leader".split())
_SPOKES = ("spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen", "statement")
SPEAKER_MAX = 8


def _speaks_for(speaker: list, decider: set[str], near: bool) -> bool:
    """A speaker who speaks for the decider: one that names it, a deciding body, a pronoun just
    after the decision, or a spokesman (for the decider, or for no one else named)."""
    words = {t.lower.removesuffix("'s").removesuffix("’s") for t in speaker if t.word}
    if not words:
        return False
    if "executive" in words and words & {"chief", "managing", "vice"}:
        words = words - {"executive", "chief"}  # a firm's chief executive speaks for the firm
    if words & decider or words & _SPEAKING_BODIES:
        return True
    if len(speaker) == 1 and speaker[0].lower in ("it", "they"):
        return near
    if len(speaker) == 1 and speaker[0].lower in ("he", "she"):
        return near and bool(decider & _PERSONAL)  # "he said" speaks for a judge, not for a court
    if near and words & _OFFICERS:
        return True  # just after the decision, "manager X said" speaks for the club that decided
    if words & set(_SPOKES):
        others = [t for t in speaker if t.cap and t.lower not in decider and t is not speaker[0]]
        return near or not others
    return False


def _statement_by(sent: Sentence, decider: set[str], near: bool = False, avoid: set[str] | None = None,
                  after: int = -1, pronoun: bool | None = None) -> str | None:
    """What the decider (or a deciding body) said in this sentence, as a clause: "The judge said
    (that) X", "X, the board said", '"X," a spokeswoman for the board said', "X, said the court".
    `near`: the sentence follows the decision closely, so "It said" / "He told" speak for it.
    `avoid`: the requester's words — what the requester says is its argument, not the reason.
    `pronoun`: whether "it"/"they"/"he"/"she" may stand for the decider (default: `near`)."""
    toks = sent.tokens
    pronoun = near if pronoun is None else pronoun
    for k, t in enumerate(toks[:60]):
        if t.lower not in _STATEMENT_VERBS or t.quoted or k <= after:
            continue
        if t.lower in _FINDING_VERBS and k + 1 < len(toks) and toks[k + 1].lower in ("to", "with", "on"):
            continue  # "agreed to X" is a decision, "agreed (that) X" a finding
        if _pluperfect(toks, k):
            continue  # "had (earlier) said that X": said before the decision, background to it
        # the speaker before the verb: back to a comma, a quotation mark or the sentence start,
        # and on past an apposition ("the economy minister, Ana Ruiz, said")
        last = k - 1 if k > 1 and toks[k - 1].text == "," and toks[k - 2].cap else k  # "..., Ana Ruiz, said"
        j = last
        while j > 0 and last - j < SPEAKER_MAX and toks[j - 1].word:
            j -= 1
        # an apposition is closed by a comma before the verb: "the minister, Ana Ruiz, said" (not "..., Ana Ruiz said")
        if last < k and 1 < j < last and toks[j - 1].text == "," and all(x.cap for x in toks[j:last]) \
                and last - j <= 4:
            m = j - 1
            while m > 0 and j - m < SPEAKER_MAX and toks[m - 1].word:
                m -= 1
            if m < j - 1:
                j = m
        elif last < k:
            last = k  # no apposition after all: the comma ends a statement ("X, Ana Ruiz said" is rare)
            j = k
        speaker = [x for x in toks[j:last] if x.word]
        speaker_after = False
        if not speaker:
            # '..., said the court.': the speaker after the verb
            e = k + 1
            while e < len(toks) and e - k <= SPEAKER_MAX and toks[e].word:
                e += 1
            speaker = list(toks[k + 1 : e])
            speaker_after = True
            # '..., said the court.' ends there; "told MPs the plan would..." names a hearer, no speaker
            if t.lower in ("told", "tells", "cited") or (e < len(toks) and toks[e].text not in (".", ",", ";")):
                continue
        if len(speaker) == 1 and speaker[0].lower in ("it", "they", "he", "she") and not pronoun:
            continue
        if len(speaker) == 1 and speaker[0].lower in ("he", "she") and decider & _BODIES and not decider & lx.OFFICES:
            continue  # "she says" cannot speak for a court or a council
        if not _speaks_for(speaker, decider, near):
            continue
        if avoid and {x.lower.removesuffix("'s").removesuffix("’s") for x in speaker} & avoid \
                and not {x.lower.removesuffix("'s") for x in speaker} & decider:
            continue
        before = sent.span(0, max(0, j - 1)).strip(" ,\"“”'") if j > 0 else ""
        if speaker_after:
            if len(before.split()) >= 5:
                return before
            continue
        begin = k + 1
        # "told X that ...": the clause after "that", when it comes soon
        window = k + (THAT_FAR if k + 1 < len(toks) and toks[k + 1].lower in ("in", "on", "at", "to") else THAT_NEAR)
        for m in range(k + 1, min(len(toks), window)):
            if toks[m].lower == "that":
                begin = m + 1
                break
        rest = sent.span(begin, len(toks)) if begin < len(toks) else ""
        if rest.lower().startswith("that "):
            rest = rest[5:]
        if len(rest.split()) >= 5:
            return rest
        # '"X," the spokeswoman said.': the statement came first
        if len(before.split()) >= 5 and toks[j - 1].text in (",", '"', "”", "'", "’"):
            return before
    return None


_BODIES = lx.AUTHORITY_HEADS - lx.OFFICES  # deciding bodies: no "he" or "she" stands for one


def _pluperfect(toks: tuple, k: int) -> bool:
    """The speech verb at k follows "had" (or "had earlier", "had already"): "the firm had said"."""
    return (k >= 1 and toks[k - 1].lower == "had") or \
        (k >= 2 and toks[k - 2].lower == "had" and toks[k - 1].lower in ("earlier", "already", "previously", "also"))


# -- candidates and their ranking ------------------------------------------------------------

class ReasonSource(StrEnum):
    RULE = "rule"
    CUE = "cue"
    STATEMENT = "statement"
    SPEECH = "speech"
    SENTENCE = "sentence"


@dataclass(slots=True)
class ReasonCandidate:
    text: str
    sentence: int
    source: ReasonSource
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0  # under the fitted weights: comparable only among one article's candidates




def no_reason(deferral: bool) -> dict[str, float]:
    """The features of the option of no reason at all, ranked with the candidates (articles that
    state none teach it): a decision put off states its cause less often than a decision."""
    return {"no_reason": 1.0, "no_reason_deferral": 1.0} if deferral else {"no_reason": 1.0}

# how much higher another candidate must score to replace the rule's pick (a gap of scores, about 0.1
# of probability near the middle): it keeps grounds the rule reads exactly ("citing X") over nearby talk
RULE_MARGIN = 0.4
CANDIDATES_BEFORE = 1  # sentences before the decision's ("A review found X. On Monday the board refused it.")
# words that state grounds in any field: a lack, a harm, a test met or not, a weighing
_GROUNDS = frozenset("""because failed insufficient inadequate concern concerns risk risks harm harmful evidence
shown satisfied outweigh outweighed outweighs breach breached unfair unreasonable lack lacked needed enough
proportionate disproportionate reasonable serious significant unable justified unjustified""".split())
_FINDS = frozenset("found finds concluded concludes satisfied ruled held considered judged accepted determined".split())
_SPEAKS = frozenset("said says told wrote added explained".split())
_STEPS = _PROCEDURE | frozenset("appealed applied lodged submitted filed application appeal appeals".split())
_CONTRASTS = frozenset("but however instead".split())
_REACTIONS = frozenset("disappointed delighted pleased welcomed vowed relieved furious".split())  # after the fact
_SPEECH_VERBS = _SAID | _RULED  # what anyone said or found (no "told": a hearer follows it)
SHORT_WORDS = 6
LONG_WORDS = 40


def reason_for(sentences: list[Sentence], choice: Choice, weights: Weights) -> tuple[str | None, str | None]:
    """The reason and its sentence: the likeliest candidate under the fitted weights (None when the
    rule found nothing and no candidate outscores the option of no reason), or the rule's pick when
    no weights are fitted."""
    rule = rule_reason(sentences, choice)
    decision = choice.decision
    if not weights.reason or decision is None:
        return rule
    cands = reason_candidates(sentences, choice, rule)
    if not cands:
        return rule
    best = select(cands, weights.reason, decision.sentence, decision.kind is EventKind.DEFERRAL)
    return (best.text, sentences[best.sentence].text) if best is not None else (None, None)


def select(cands: list[ReasonCandidate], weights: dict[str, float], at: int, deferral: bool) -> ReasonCandidate | None:
    """The reason among the candidates (of a decision in sentence `at`), or None. The weights score
    candidates against each other (a softmax over one article's): only differences of `score` count."""
    if not cands:
        return None
    for c in cands:
        c.score = _score(weights, c.features)
    best = max(cands, key=lambda c: (c.score, -abs(c.sentence - at)))
    ruled = next((c for c in cands if c.source is ReasonSource.RULE), None)
    if ruled is not None and best.score < ruled.score + RULE_MARGIN:
        best = ruled  # the rule's pick stands unless another candidate is clearly likelier
    if ruled is None and best.score <= _score(weights, no_reason(deferral)):
        return None  # the rule found no ground and nothing else reads as one: say so rather than guess
    if best.source is ReasonSource.SENTENCE:
        # a clause of that sentence that states the ground ("..., because X") says it more briefly
        clause = [c for c in cands if c.sentence == best.sentence and c.source in (ReasonSource.RULE, ReasonSource.CUE)]
        best = clause[0] if clause else best
    return best


def _score(weights: dict[str, float], features: dict[str, float]) -> float:
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def reason_candidates(sentences: list[Sentence], choice: Choice,
                      rule: tuple[str | None, str | None] | None = None) -> list[ReasonCandidate]:
    """Every clause near the decision that could be its reason, with its features."""
    decision = choice.decision
    if decision is None:
        return []
    rule = rule_reason(sentences, choice) if rule is None else rule
    decider = choice_decider(choice)
    avoid = (party_words(choice.requester.text) - decider) if choice.requester is not None else set()
    deferral = decision.kind is EventKind.DEFERRAL
    cues = (*REASON_CUES, *DELAY_CUES) if deferral else REASON_CUES
    out: list[ReasonCandidate] = []
    seen: set[str] = set()

    def add(text: str | None, idx: int, source: ReasonSource) -> None:
        text = trim(text, TEXT_CAP)
        if text and text not in seen:
            seen.add(text)
            out.append(ReasonCandidate(text, idx, source))

    if rule[0] and rule[1]:
        at = next((k for k, s in enumerate(sentences) if s.text == rule[1]), decision.sentence)
        add(rule[0], at, ReasonSource.RULE)
    restating = {decision.sentence} | {e.sentence for e in choice.support}
    for idx in range(max(0, decision.sentence - CANDIDATES_BEFORE),
                     min(len(sentences), decision.sentence + REASON_WINDOW)):
        sent = sentences[idx]
        add(_cue_tail(sent.text, 0, cues), idx, ReasonSource.CUE)
        # "It said ..." speaks for the decider only just after the decision, or after a sentence it opens
        pronoun = idx == decision.sentence + 1 or (idx > 0 and _opens_with(sentences[idx - 1], decider))
        add(_statement_by(sent, decider, near=idx <= decision.sentence + 2, avoid=avoid, pronoun=pronoun), idx,
            ReasonSource.STATEMENT)
        if (not pronoun and _a_pronoun_speaks(sent)) or _commentary(sent):
            continue  # "It said ..." with "it" some other party, or an analyst: not the decision's ground
        add(_after_speech(sent), idx, ReasonSource.SPEECH)
        if idx not in restating and not sent.headline:
            add(sent.text, idx, ReasonSource.SENTENCE)  # (a sentence that states the decision restates it: no ground)
    # what another side argues or urges is its case, never the decision's ground
    # each sentence is read once, whatever number of candidates it gives
    argued = {idx: _argued_by_another(sentences[idx], decider, avoid) for idx in {c.sentence for c in out}}
    out = [c for c in out if c.source is ReasonSource.RULE or not argued[c.sentence]]
    flags = {idx: _sentence_flags(sentences[idx], decider, avoid) for idx in {c.sentence for c in out}}
    for c in out:
        c.features = _reason_features(c, flags[c.sentence], decision.sentence, avoid, deferral)
    # a whole sentence that tells the ask ("presenting a detailed request for weapons") is the request
    return [c for c in out if not (c.source is ReasonSource.SENTENCE and c.features.get("asking"))]


_STEM = 5  # letters a name shares with its adjective: "Ukraine"/"Ukrainian", "Norway"/"Norwegian"


def _argued_by_another(sent: Sentence, decider: set[str], avoid: set[str]) -> bool:
    """The sentence tells what the requester says, or what another side argues, urges, claims or
    seeks: "But Calder Buses said the site was the only one", "Consumer groups have urged the
    Commission to block the deal", "Sources said X sought to buy ..." (not what the decider argued)."""
    toks = sent.tokens
    start = 2 if len(toks) > 2 and toks[0].lower == "when" and toks[1].lower == "asked" else (
        1 if toks and toks[0].lower == "asked" else 0)  # "Asked about the decision, the chairman said"
    k = next((k for k in range(start, len(toks)) if not toks[k].quoted and (
        toks[k].lower in _ARGUING or toks[k].lower in _SPEAKS or (
            toks[k].word and lx.lemma(toks[k].lower) in lx.ASKING_LEMMAS))), -1)
    if k < 0:
        return False
    before = {t.lower.removesuffix("'s").removesuffix("’s") for t in toks[start:k] if t.word}
    by_requester = bool(before & avoid) or any(
        w.startswith(a[:_STEM]) for a in avoid if len(a) > _STEM for w in before)  # "Ukraine" → "a Ukrainian delegation"
    if toks[k].lower in _SPEAKS:
        return by_requester  # "But Calder Buses said the site was the only one": the requester's case
    return by_requester or not (before & decider or before & _SPEAKING_BODIES)


# people who comment on a decision without taking it: "Analysts said the ruling would ..."
_COMMENTATORS = frozenset("analyst analysts expert experts critic critics observer observers economist economists".split())


def _commentary(sent: Sentence) -> bool:
    """The sentence opens on a commentator's words ("Analysts said ...", "Legal experts say ...")."""
    for t in sent.tokens[:SPEAKER_MAX]:
        if t.lower in _SPEECH_VERBS:
            return False
        if t.lower in _COMMENTATORS:
            return True
    return False


def _a_pronoun_speaks(sent: Sentence) -> bool:
    """The sentence opens on a pronoun and a verb of speech: "It said ...", "They argued ..."."""
    toks = sent.tokens
    return len(toks) > 1 and toks[0].lower in ("it", "they", "he", "she") and toks[1].lower in _SPEECH_VERBS | _ARGUING


def _after_speech(sent: Sentence) -> str | None:
    """What anyone said, found or wrote: the clause after the first such verb ("The report found
    that X" → X), when it is more than a few words."""
    toks = sent.tokens
    for k, t in enumerate(toks[:60]):
        if t.lower in _SPEECH_VERBS and not t.quoted:
            begin = k + 2 if k + 1 < len(toks) and toks[k + 1].lower == "that" else k + 1
            rest = sent.span(begin, len(toks)) if begin < len(toks) else ""
            return rest if len(rest.split()) >= SHORT_WORDS else None
    return None


def _distance(d: int) -> str:
    return str(d) if -1 <= d <= 2 else ("3_5" if d <= 5 else "6_plus")


def _sentence_flags(sent: Sentence, decider: set[str], avoid: set[str]) -> dict[str, bool]:
    """The features a candidate takes from its sentence: the same for every candidate of it."""
    said = {t.lower.removesuffix("'s").removesuffix("’s") for t in sent.tokens if t.word}
    return {
        "decider_in_sentence": bool(said & decider),
        "arguing": bool(said & _ARGUING),
        "party_argues": bool(said & _ARGUING and said & avoid),
        "asking": any(t.word and not t.quoted and lx.lemma(t.lower) in lx.ASKING_LEMMAS for t in sent.tokens),
        "reaction": bool(said & _REACTIONS) or ("appeal" in said and bool(said & (lx.FUTURE | {"would"}))),
        "headline": sent.headline,
        "finding": bool(said & _FINDS),
        "speech": bool(said & _SPEAKS),
        "party_subject": bool({t.lower.removesuffix("'s").removesuffix("’s") for t in sent.tokens[:5]} & avoid),
        "decider_subject": _opens_with(sent, decider),
        "contrast": bool(sent.tokens) and sent.tokens[0].lower in _CONTRASTS,
    }


def _reason_features(c: ReasonCandidate, sentence_flags: dict[str, bool], at: int, avoid: set[str],
                     deferral: bool) -> dict[str, float]:
    words = [w.strip(".,;:!?\"“”'’()").lower() for w in c.text.split()]
    f = {"bias": 1.0, f"src_{c.source.value}": 1.0, f"at_{_distance(c.sentence - at)}": 1.0}
    if deferral:
        f[f"deferral_src_{c.source.value}"] = 1.0
        f[f"deferral_at_{_distance(c.sentence - at)}"] = 1.0
    flags = {
        **sentence_flags,
        "short": len(words) < SHORT_WORDS,
        "long": len(words) > LONG_WORDS,
        "party_in_text": bool(set(words) & avoid),
        "digit": any(ch.isdigit() for ch in c.text),
        "decision_cue": c.sentence == at and c.source in (ReasonSource.RULE, ReasonSource.CUE),
        "procedure": bool(set(words) & _STEPS),
        "time_first": bool(words) and (words[0] in lx.TIME_WORDS or words[0] in MONTHS or lx.is_year(words[0])),
        "decision_word": any(lx.lookup(w) is not None for w in words),
        "because": "because" in words,
    }
    f.update({name: 1.0 for name, on in flags.items() if on})
    f["grounds"] = min(3, len(set(words) & _GROUNDS)) / 3
    return f
