"""The typed values that pass between the stages of the heuristic summariser.

    sentences (tokens.Sentence) → events (Event, with Phrase arguments, Polarity, Modality,
    Attribution) → choice (Choice) → the brief's fields

Every stage takes and returns these, never a dict of extras or a free string standing for a
polarity, so each stage can be built by hand in a test and checked alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.models import Status

# the scorer's caps, and the product's: a name is a few words, a request or a reason one clause
NAME_CAP = 80
TEXT_CAP = 250


def trim(text: str | None, cap: int) -> str | None:
    """The text on one line, without stray punctuation at its ends, cut at a word before `cap`."""
    if not text:
        return None
    text = " ".join(text.split()).strip(" ,;:-—–\"“”'")
    if len(text) <= cap:
        return text or None
    cut = text[: cap - 1].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + "…"


class Meaning(StrEnum):
    """What a trigger word says happened, before polarity and modality are applied."""

    ASK = "ask"  # ask, apply, appeal, sue, bid, demand: someone wants something
    GRANT = "grant"  # approve, grant, allow, back, clear, lift a ban, overturn a ruling
    REFUSE = "refuse"  # reject, refuse, deny, dismiss, block, veto, uphold a ban
    PARTIAL = "partial"  # reduce, cut, scale back (a penalty, a plan): part of what was asked
    DEFER = "defer"  # defer, adjourn, postpone, consider, review, await
    WIN = "win"  # the asking side won (a case, an appeal, approval): its own success
    LOSE = "lose"  # the asking side lost or failed


class EventKind(StrEnum):
    REQUEST = "request"
    DECISION = "decision"
    DEFERRAL = "deferral"


class Polarity(StrEnum):
    AFFIRMED = "affirmed"
    NEGATED = "negated"  # "did not approve", "refused to grant", "failed to win"


class Modality(StrEnum):
    FACT = "fact"  # it happened: "rejected", "has approved"
    EXPECTED = "expected"  # announced for later: "will rule", "is expected to decide", "is due to vote"
    HYPOTHETICAL = "hypothetical"  # "could approve", "if it rejects": not a decision
    SOUGHT = "sought"  # the decision is what someone asks for: "asked the court to overturn"


class Voice(StrEnum):
    ACTIVE = "active"
    PASSIVE = "passive"


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase of one sentence: tokens [start, end) of that sentence."""

    text: str
    start: int
    end: int
    named: bool = False  # has a capitalised word that does not start the sentence, or is an acronym
    authority: bool = False  # its head is a deciding body: court, council, regulator, minister...
    pronoun: bool = False  # "it", "they", "the company": resolved against earlier sentences

    def words(self) -> list[str]:
        return self.text.split()


@dataclass(frozen=True, slots=True)
class Attribution:
    """Reported speech: who says the event happened, and whether it is inside a quotation."""

    quoted: bool = False
    speaker: str | None = None  # "said the court", "X told reporters" — None when narrated
    speaker_is_actor: bool = False  # the actor itself says it ("the council said it had rejected")


@dataclass(slots=True)
class Event:
    """A request, decision or deferral found at one trigger word of one sentence."""

    kind: EventKind
    meaning: Meaning
    lemma: str
    sentence: int  # index into the article's sentences
    index: int  # token index of the trigger in that sentence
    polarity: Polarity = Polarity.AFFIRMED
    modality: Modality = Modality.FACT
    voice: Voice = Voice.ACTIVE
    actor: Phrase | None = None  # who acts: the subject (active) or the by-agent (passive)
    theme: Phrase | None = None  # on what: the object (active) or the subject (passive)
    beneficiary: Phrase | None = None  # for whom: "X's request", "a bid from X", "refused X a visa"
    attribution: Attribution = field(default_factory=Attribution)
    partial: bool = False  # "partly", "some of", "but rejected": only part was granted
    strong: bool = True  # a verb that decides on its own ("approve") vs one that needs context ("back")
    direction_ambiguous: bool = False  # "overturned", "upheld", "cleared": who won depends on who asked
    verb_start: int = 0  # first token of the verb group ("has not yet approved")
    verb_text: str = ""  # the verb group as written
    announced: bool = False  # EXPECTED as the actor's own plan ("will approve"), not a forecast
    # a request announced in the lede ("X will appeal", "Y plans to sue"): with nothing that
    # decides it, it is still pending (set by the choice stage, which weighs it as a candidate)
    open: bool = False

    def status(self) -> Status:
        """The brief status this event states, UNKNOWN when it states none."""
        if self.kind is EventKind.REQUEST:
            return Status.PENDING if self.open else Status.UNKNOWN
        if self.modality in (Modality.HYPOTHETICAL, Modality.SOUGHT):
            return Status.UNKNOWN
        if (self.modality is Modality.EXPECTED and self.polarity is Polarity.NEGATED
                and self.meaning in (Meaning.GRANT, Meaning.WIN)):
            return Status.DECLINED  # "will not approve", "won't accept": a refusal stated ahead
        if (self.modality is Modality.EXPECTED and self.announced and self.kind is EventKind.DECISION
                and self.polarity is Polarity.AFFIRMED):
            # "will approve", "is to allow", "said it would reject": a decision announced, or only
            # forecast? Either approved or pending — too close to call, so no status
            return Status.UNKNOWN
        if self.kind is EventKind.DEFERRAL or self.modality is Modality.EXPECTED:
            return Status.PENDING
        if self.partial or self.meaning is Meaning.PARTIAL:
            return Status.PARTIAL if self.polarity is Polarity.AFFIRMED else Status.UNKNOWN
        positive = self.meaning in (Meaning.GRANT, Meaning.WIN)
        negative = self.meaning in (Meaning.REFUSE, Meaning.LOSE)
        if not (positive or negative):
            return Status.UNKNOWN
        if self.polarity is Polarity.NEGATED:
            # "did not approve" is a refusal; "did not reject" says nothing definite
            return Status.DECLINED if positive else Status.UNKNOWN
        return Status.APPROVED if positive else Status.DECLINED


@dataclass(slots=True)
class Choice:
    """The central request and its decision, as chosen, with the status confidence."""

    status: Status
    confidence: float
    decision: Event | None = None
    request: Event | None = None
    requester: Phrase | None = None
    requester_sentence: int | None = None
    decider: str | None = None
    support: list[Event] = field(default_factory=list)  # other events that state the same status
    # below the status threshold but likely about the central request: who asked, for what and who
    # decides are still named (the status stays unknown, no decision or reason is stated)
    tentative: Event | None = None
