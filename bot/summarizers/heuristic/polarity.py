"""Polarity and modality of a trigger word: the verb group to its left decides them.

    polarity_of(sentence, i)   # -> Reading(polarity, modality, voice, verb_start)

    "did not approve"            NEGATED  FACT
    "refused to grant"           NEGATED  FACT        (a negative control verb)
    "failed to win"              NEGATED  FACT
    "is expected to rule"        AFFIRMED EXPECTED    ("will", "is due to", "is set to", "plans to")
    "could approve", "if ... rejects"     HYPOTHETICAL (a possibility or a condition is no decision)
    "asked the court to overturn"         SOUGHT      (the decision is what is being asked for)
    "was rejected", "has been granted"    PASSIVE

Only a bounded window left of the trigger is read, so the stage is linear in the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.summarizers.heuristic import lexicon as lx
from bot.summarizers.heuristic.phrases import LY_NOUNS
from bot.summarizers.heuristic.tokens import Sentence
from bot.summarizers.heuristic.types import Modality, Polarity, Voice

_WINDOW = 10  # tokens left of the trigger that can belong to its verb group
_CLAUSE_WINDOW = 14  # tokens left that can hold "if" / "whether" for this clause
_STOP = frozenset(",;:()\"“”")
_GERUND_PREPS = frozenset("of for without over about".split())
_DECIDED_AGAINST = frozenset("voted vote votes decided decide decides ruled rule rules came".split())
_POLL_WORDS = frozenset("% poll polls survey surveys percent per voters respondents".split())


@dataclass(frozen=True, slots=True)
class Reading:
    polarity: Polarity
    modality: Modality
    voice: Voice
    verb_start: int
    # the future told as a plan of the actor ("will approve", "is to allow", a headline's "to be
    # allowed", "said it would"), not a forecast or a timetable ("is expected to", "is due to")
    announced: bool = False


# adverbs of frequency: a habit or a rate, not one decision
HABITUAL = frozenset("""rarely seldom usually often typically routinely sometimes frequently regularly
normally commonly occasionally""".split())  # (not "generally": "generally approved the plan" is one decision)


def polarity_of(sentence: Sentence, index: int, participle: bool) -> Reading:
    toks = sentence.tokens
    negated = False
    modality = Modality.FACT
    saw_be = False
    j = index - 1
    start = index
    future = forecast = able = False
    # "a bid to be approved", "the move to ban": an infinitive after a noun is a plan, not a fact
    while j >= 0 and index - j <= _WINDOW:
        word = toks[j].lower
        if word in lx.NEGATORS or word.endswith("n't"):
            negated = not negated if word not in ("neither", "nor") else True
            if word in ("won't", "shan't"):
                modality = _later(modality, Modality.EXPECTED)
            elif word in ("couldn't", "mightn't", "shouldn't", "wouldn't"):
                modality = _later(modality, Modality.HYPOTHETICAL)
            start = j
        elif word in lx.FUTURE:
            modality = _later(modality, Modality.EXPECTED)
            future = True
            start = j
        elif word == "would" or (word.endswith(("'d", "’d")) and len(word) > 2 and j + 1 < len(toks)
                                  and toks[j + 1].lower == "have"):  # "we'd have accepted it"
            # a conditional or a poll's "would reject" decides nothing; but "said it would (not)" is
            # the reported form of "will (not)": an announcement, unless a condition follows
            reported = _reported_would(toks, j) and not _condition_after(toks, index)
            modality = _later(modality, Modality.EXPECTED if reported else Modality.HYPOTHETICAL)
            future = future or reported
            start = j
        elif word in ("can", "cannot"):
            if word == "cannot":
                negated = not negated
            able = able or (word == "can" and toks[j + 1].lower != "not")  # ("can not approve" refuses)
            start = j
        elif word in lx.HYPOTHETICAL or word in HABITUAL:
            # "judges rarely grant", "the board usually approves": what tends to happen, no decision
            modality = _later(modality, Modality.HYPOTHETICAL)
            start = j
        elif word in ("or", "and") and j >= 2 and toks[j - 2].lower == "to" and lx.lookup(toks[j - 1].lower) is not None \
                and start == index:
            j -= 2  # "asked members to suspend or revoke it": the second verb shares the first one's "to"
            continue
        elif word in lx.BE or word in ("get", "gets", "got", "getting"):
            saw_be = True
            start = j
        elif word in lx.HAVE or word in ("do", "does", "did") or word in lx.ADVERBS or (
            word.endswith("ly") and not toks[j].cap and len(word) > 4 and word not in LY_NOUNS
        ) or word in ("even", "only"):
            start = j
        elif word == "to":
            before = toks[j - 1].lower if j > 0 else ""
            effect = lx.control(before)
            if effect is None and (tally := _past_tally(toks, j)) is not None:
                j, before = tally, toks[tally - 1].lower  # "voted 4-1 on Tuesday to approve": past the count
                effect = lx.control(before)
            if effect is None and (order := _ordered_whom(toks, j)) is not None:
                j, before = order, toks[order - 1].lower  # "ordered the council to grant": past whom it ordered
                effect = "fact"
            if effect is None and before in ("unable", "reluctant"):
                effect = "negated"
            elif effect is None and before in ("able",):
                effect = "fact"
            elif effect is None and before in lx.BE:
                effect = "expected"  # "is to decide"
                future = True
            if effect is None:
                found = _unknown_before_to(toks, j, sentence.headline)
                modality = _later(modality, found)
                # a headline's "X to be allowed" announces; "has yet to" and the like forecast
                future = future or (found is Modality.EXPECTED and sentence.headline and before not in ("yet", "still"))
                forecast = forecast or (found is Modality.EXPECTED and not future)
                start = j
                break
            if effect == "expected" and before not in lx.BE:
                forecast = True  # "is expected to", "is due to", "plans to"
            if before.endswith("ing") and j > 1 and toks[j - 2].lower in _GERUND_PREPS:
                # "sued for failing to clear", "accused of refusing to pay": what is alleged, not told
                modality = _later(modality, Modality.HYPOTHETICAL)
            if effect == "negated":
                negated = not negated
            elif effect == "expected":
                modality = _later(modality, Modality.EXPECTED)
            elif effect == "sought":
                modality = _later(modality, Modality.SOUGHT)
            elif effect == "hypothetical":
                modality = _later(modality, Modality.HYPOTHETICAL)
            start = j - 1
            j -= 2
            continue
        else:
            break
        j -= 1
    if start == index and index > 0 and toks[index].lower.endswith("ing") and toks[index - 1].lower == "against":
        if index > 1 and toks[index - 2].lower in _DECIDED_AGAINST:
            negated = not negated  # "voted against granting the licence": a refusal
        else:  # "campaigned / advised against granting", "a presumption against granting": argued, not decided
            modality = _later(modality, Modality.HYPOTHETICAL)
    if _subjunctive(toks, start):
        modality = _later(modality, Modality.SOUGHT)  # "asked that parole be refused": what was asked for
    elif _subjunctive(toks, start, _ADVISING):
        modality = _later(modality, Modality.HYPOTHETICAL)  # "recommended that it be approved": advice
    if _conditional(sentence, start):
        modality = _later(modality, Modality.HYPOTHETICAL)
    # headlines drop the auxiliary: "Journalist granted asylum", "Fare rise blocked" are passives
    # (an active headline takes the present: "Regulator blocks fare rise")
    headline_passive = sentence.headline and participle and start == index and not _has_before(sentence, index)
    voice = Voice.PASSIVE if (saw_be and participle) or headline_passive else Voice.ACTIVE
    if able and voice is Voice.ACTIVE and toks[index].lower not in _OUTCOME_CAN \
            and getattr(lx.lookup(toks[index].lower), "kind", "") != "ask":  # ("can appeal" still names a party)
        # "the committee can overturn a decision only if": a power to decide, not a decision
        modality = _later(modality, Modality.HYPOTHETICAL)
    elif able and any(t.lower == "only" for t in toks[start:index]):
        # "a match can only be postponed where...": the rule for a decision, not one made
        modality = _later(modality, Modality.HYPOTHETICAL)
    announced = modality is Modality.EXPECTED and future and not forecast
    return Reading(Polarity.NEGATED if negated else Polarity.AFFIRMED, modality, voice, start, announced)




# "can go ahead", "can proceed": what a decision now lets happen (see events), not a power to decide
_OUTCOME_CAN = frozenset("go goes proceed".split())


def _count(tok) -> bool:
    return tok.text[:1].isdigit() or tok.lower in lx.COUNTS


def _past_tally(toks, j: int) -> int | None:
    """For the "to" of "voted 4-1 (on Tuesday) to approve", "voted unanimously to reject": where the
    "to" would stand if the count and time were not there; None when no control verb is found."""
    k = j - 1
    while k > 0 and j - k <= 8 and (
            (toks[k].lower in ("votes", "vote") and _count(toks[k - 1]))  # "nine votes": the noun
            or (lx.control(toks[k].lower) is None and (
                toks[k].text[:1].isdigit() or toks[k].lower in lx.ADVERBS or toks[k].lower in lx.TIME_WORDS
                or toks[k].lower in ("late", "early")  # "voted 6-1 late Wednesday to approve"
                or toks[k].text in ("-", "–") or toks[k].lower in lx.COUNTS or toks[k].lower == "by"
                or (toks[k].lower == "to" and _count(toks[k + 1])
                    and (_count(toks[k - 1]) or toks[k - 1].lower in ("votes", "vote")))))):
        k -= 1  # "voted 4-1", "voted eight to four", "voted by nine votes to two" (never past the verb)
    if k == j - 1 or lx.control(toks[k].lower) is None:
        return None
    return k + 1


_ORDERED_REACH = 6  # tokens of whom an order names: "directs Immigration New Zealand to grant"


def _ordered_whom(toks, j: int) -> int | None:
    """For the "to" of "ordered the council to grant", "directs Immigration New Zealand to grant":
    where the "to" would stand right after the ordering verb; None when none comes first."""
    for k in range(j - 2, max(-1, j - 2 - _ORDERED_REACH), -1):
        if not toks[k].word:
            return None
        if lx.orders(toks[k].lower) and toks[k].lower.endswith(("ed", "s")):
            return k + 1  # a finite order ("ordered", "directs"; not "want the court to ... order the trust to")
    return None


def _reported_would(toks, j: int) -> bool:
    """ "said (that) it would", "told MPs the council would": a speech verb, maybe "that", then a
    short subject right before "would"."""
    k = j - 1
    subject = 0
    while k >= 0 and subject < 5 and toks[k].word and not lx.is_attribution(toks[k].lower):
        if toks[k].lower in lx.CLAUSE_BREAKS - {"that"} or lx.lookup(toks[k].lower) is not None:
            return False
        subject += 1
        k -= 1
    if k < 0 or subject == 0 or not lx.is_attribution(toks[k].lower, "that"):
        return False
    # what a poll says people would do is an opinion, not an announcement
    if any(t.lower in _POLL_WORDS for t in toks):
        return False
    return toks[j - 1].lower != "that"


def _condition_after(toks, index: int) -> bool:
    """A condition later in the clause: "would approve the plan if the fee were cut"."""
    for k in range(index + 1, min(len(toks), index + _CLAUSE_WINDOW)):
        word = toks[k].lower
        if word in (";", ".", "?", "!"):
            return False
        if word in ("if", "unless", "provided", "providing"):
            return True
    return False


def _has_before(sentence: Sentence, index: int) -> bool:
    """A have-form right before the verb: "Council has approved" is active even in a headline."""
    return index > 0 and sentence.tokens[index - 1].lower in lx.HAVE


_RANK = {Modality.FACT: 0, Modality.EXPECTED: 1, Modality.SOUGHT: 2, Modality.HYPOTHETICAL: 3}


def _later(current: Modality, new: Modality) -> Modality:
    """The stronger of two modalities: a hypothetical stays hypothetical."""
    return new if _RANK[new] > _RANK[current] else current


def _unknown_before_to(toks, j: int, headline: bool) -> Modality:
    """ "<word> to <trigger>" where <word> is no control verb: what the infinitive is."""
    before = toks[j - 1].lower if j > 0 else ""
    if before == "yet" or (before == "still" and j > 1 and toks[j - 2].lower in lx.HAVE | lx.BE):
        return Modality.EXPECTED  # "has yet to decide", "is still to rule": not decided, still to come
    if before in lx.DECISION_NOUNS or before == "move":
        return Modality.FACT  # "the decision to reject": it was decided
    if before in lx.REQUEST_NOUNS or before.endswith(("tion", "ment")):
        return Modality.SOUGHT  # "a bid to overturn", "an application to build"
    # "asked the court to overturn", "expects ministers to approve": a control verb before the object
    for k in range(j - 2, max(-1, j - 7), -1):
        effect = lx.control(toks[k].lower)
        if effect == "sought":
            return Modality.SOUGHT
        if effect in ("expected", "hypothetical"):
            return Modality.EXPECTED if effect == "expected" else Modality.HYPOTHETICAL
        if not toks[k].word:
            break
    # "X to be allowed" is a headline's future; in a body, "a radar to investigate" is a purpose
    return Modality.EXPECTED if headline else Modality.HYPOTHETICAL


# a party's asking ("the family asked that parole be refused"); a panel that "recommended that the ban
# be reduced" has decided, so recommending is not among them
_MANDATING = frozenset("ask request demand urge plead".split())  # lemmas of the lexicon


# "officers recommended that the scheme be approved", "despite a recommendation that it be approved":
# advice to the decider, not the decision
_ADVISING = frozenset(["recommend", "recommends", "recommended", "recommending", "advised", "advise", "advises",
                       "suggested", "recommendation", "recommendations", "advice"])
_ADVICE_REACH = 5  # "a recommendation from their own officers that it be approved"


def _subjunctive(toks, start: int, verbs: frozenset[str] | None = None) -> bool:
    """A bare "be" opens the verb group ("that parole be refused") under a verb of asking: the
    mandative subjunctive, which states what someone wants, not what was done. With `verbs`, under
    one of those words instead."""
    if start >= len(toks) or toks[start].lower != "be" or start == 0:
        return False
    if toks[start - 1].lower in lx.HYPOTHETICAL | lx.FUTURE | {"to", "not", "never"} or toks[start - 1].lower.endswith("n't"):
        return False
    # the verb of asking governs the clause: "asked that parole be refused", "demanded (on Monday) that"
    that = next((k for k in range(start - 1, max(-1, start - 8), -1) if toks[k].lower == "that"), -1)
    if verbs is not None:
        return that > 0 and any(t.lower in verbs for t in toks[max(0, that - _ADVICE_REACH) : that])
    return that > 0 and any(lx.lemma(t.lower) in _MANDATING or t.lower in ("insisted", "insists")
                            for t in toks[max(0, that - 3) : that])


_MODAL_GROUP = frozenset("can could may might would".split())


def _conditional(sentence: Sentence, start: int) -> bool:
    toks = sentence.tokens
    if sentence.text.rstrip().endswith("?"):
        return True
    j = start - 1
    while j >= 0 and start - j <= _CLAUSE_WINDOW:
        word = toks[j].lower
        if word in _STOP and word != '"':
            return False
        if word in ("if", "unless", "whether", "lest"):
            return True
        if word in ("before", "until") and toks[start].lower in _MODAL_GROUP:
            return True  # "(more data is needed) before the application can be approved": a condition
        if word == "should" and j < start - 1 and (j == 0 or toks[j - 1].text in (",", ";", "—")):
            return True  # "Should the appeal fail, ...": an inverted condition
        j -= 1
    return False
