"""The brief's fields from the chosen events: names, the request, the decision, the reason.

    fields = build_fields(sentences, events, choice, weights)
    fields.requester, fields.request, fields.decided_by, fields.decision, fields.reason, fields.evidence

Each field is a verbatim phrase of one article sentence (its evidence; a request or reason may
add the same party's other asks, or the decider's next words, after "; "), trimmed to the scorer's
caps (names 80 characters, request and reason 250). When the status is unknown, no decision or
reason is guessed; the requester, request and decider are named only when a likely decision was
found below the status threshold (`Choice.tentative`), otherwise nothing is.

    requester   the likeliest owner of a request (`choose.requester_candidates`), a name preferred
                to a description nearly as likely, "the applicant, X," when nothing named asks
    decided_by  the decision's actor if it is a deciding body ("the court's decision" → the court),
                else a body named in its sentence or nearby, made fuller ("Judge X" over "a judge")
    request     the requester's own asks (a request noun with its owner, modifiers and complement;
                an ask verb's object without whom it was asked; what it "wants" in the lede), the
                question put to the decider ("whether X") or the object the decision disposed of
    reason      the likeliest ground near the decision (`reason.reason_for`, ranked by fitted
                weights; the hand-written rule's pick is one candidate)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.models import Status
from bot.summarizers.heuristic import lexicon as lx
from bot.summarizers.heuristic.antecedent import describes_party, named_antecedent
from bot.summarizers.heuristic.choose import (
    RequesterCandidate,
    _authority_in,
    _initials_match,
    _names_in,
    _opening_name,
    acronym_authorities,
    age_follows,
    authority_near,
    content_words,
    granter_owned,
    party_words,
    requester_candidates,
    resolve,
)
from bot.summarizers.heuristic.phrases import (
    MONTHS,
    acronym,
    bare,
    head_word,
    make_phrase,
    object_right,
    subject_left,
    word_set,
)
from bot.summarizers.heuristic.reason import reason_for
from bot.summarizers.heuristic.tokens import Sentence
from bot.summarizers.heuristic.types import (
    NAME_CAP,
    TEXT_CAP,
    Choice,
    Event,
    EventKind,
    Modality,
    Phrase,
    Voice,
    trim,
)
from bot.summarizers.heuristic.weights import Weights, probability

REQUESTER_MIN = 0.2  # a requester candidate below this probability is left out


@dataclass(slots=True)
class Fields:
    requester: str | None = None
    request: str | None = None
    decided_by: str | None = None
    decision: str | None = None
    reason: str | None = None
    evidence: dict[str, str | None] = field(default_factory=dict)


def _name(text: str | None) -> str | None:
    if not text:
        return None
    words = text.split()
    # "Yesterday the minister", "the Postal Union that wants to use it": the name alone
    while len(words) > 1 and words[0].lower().strip(",") in lx.TIME_WORDS:
        words = words[1:]
    for k, w in enumerate(words[1:], 1):
        if w in ("that", "which", "who", "whose", "until", "unless", "because", "while", "when", "after", "before",
                 "since", "if") or w.lower() in ("that", "which", "who", "whose") or w in ("-", "–", "—"):
            words = words[:k]  # (and "the Tenancy Tribunal - less than half the sum": a dash ends the name)
            break
        if k >= 2 and w.lower() in ("on", "in") and k + 1 < len(words) and _a_date_word(words[k + 1]):
            words = words[:k]  # "the appeals committee on 12 May", "the committee in 2013": the date is no name
            break
    if len(words) == 1 and words[0].lower().strip(".,") in lx.PRONOUNS | {"i", "we", "you", "me", "us"} \
            and not (len(words[0]) > 1 and words[0].isupper()):
        return None  # "I", "He": a speaker's pronoun names no one (the "US" does)
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in ("and", "or", "of", "for", "with"):
        words = words[:-1]  # "the planning committee and (later an inspector)": no dangling link word
    if words and words[-1].lower().endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    return trim(" ".join(words), NAME_CAP)


def _a_date_word(word: str) -> bool:
    """ "12", "2013", "May", "Tuesday": the start of a date after "on" or "in"."""
    w = word.strip(".,").lower()
    return w[:1].isdigit() or w in MONTHS or w in lx.TIME_WORDS


def _as_named(name: str | None, phrase: Phrase, where: list[Sentence]) -> str | None:
    """The name with the article the text gives it: "the Hartle family", "the council" (the phrase's
    own text drops it), when one of `where` has the phrase right after a "the"."""
    if not name or name.split()[0] != phrase.text.split()[0] or name.lower().startswith(("the ", "a ", "an ")):
        return name
    for sentence in where:
        toks = sentence.tokens
        if 0 < phrase.start < len(toks) and toks[phrase.start - 1].lower == "the" \
                and sentence.span(phrase.start, phrase.end) == phrase.text:
            return trim(f"the {name}", NAME_CAP)
    return name


def decider_of(sentences: list[Sentence], events: list[Event], choice: Choice) -> tuple[Phrase | None, int]:
    decision = choice.decision
    if decision is None:
        return None, -1
    pool = [decision, *choice.support]
    actors: list[tuple[Phrase, int]] = []
    for e in pool:
        actor = resolve(e.actor, e.sentence, sentences, events)
        if actor is not None and actor is e.actor:
            # (a pronoun resolved to another sentence's name has that sentence's token indices)
            actor = _decision_owner(sentences[e.sentence], actor)
        if actor is not None and not (actor.pronoun and not actor.named):
            actors.append((actor, e.sentence))
    # an actor that is a deciding body (a named one, or an acronym the article defines, before a
    # description: "<ACR> upholds..." then "the press regulator has upheld..."); else a body named in
    # the decision's sentence; else a named actor; else the body named nearest
    for actor, idx in actors:
        if actor.authority and actor.named:
            return actor, idx
    initials = [(actor, idx) for actor, idx in actors if len(actor.words()) == 1 and acronym(actor.text)]
    if initials:
        defined = acronym_authorities(sentences)  # read only when an acronym acts
        for actor, idx in initials:
            if idx in (0, decision.sentence) or bare(actor.text).lower() in defined:
                return actor, idx
    for actor, idx in actors:
        if actor.authority:
            return actor, idx
    own = actors[0][0] if actors and actors[0][1] == decision.sentence and decision.actor is not None else None
    if own is not None and decision.voice is Voice.ACTIVE and bare(head_word(own)) in lx.PARTY_NOUNS | lx.BACK_NOUNS:
        return actors[0]  # "the rail operator agreed to...": the subject that grants, over a body named near it
    if own is not None and own.named and decision.voice is Voice.ACTIVE:
        return actors[0]  # "Tony Blair has apologised": a named subject decides, over a body merely named near it
    avoid = decision.beneficiary
    local = _authority_in(sentences[decision.sentence], avoid)
    if local is not None:
        return local, decision.sentence
    if actors and actors[0][0].named:
        return actors[0]
    return authority_near(sentences, decision.sentence, avoid)


def _decision_owner(sentence: Sentence, actor: Phrase) -> Phrase:
    """The body whose decision acts: "the appeal court's decision (to reject)" → "the appeal court"."""
    toks = sentence.tokens
    for k in range(actor.start, min(actor.end, len(toks)) - 1):
        if toks[k].lower.endswith(("'s", "’s")) and toks[k + 1].lower in lx.DECISION_NOUNS:
            owner = make_phrase(sentence, actor.start, k + 1)
            return owner if owner is not None else actor
    return actor


def build_fields(sentences: list[Sentence], events: list[Event], choice: Choice, weights: Weights) -> Fields:
    if choice.status is Status.UNKNOWN and choice.tentative is not None:
        # no clear decision, but a likely one: name who asked, for what and who decides, nothing more
        tentative = Choice(choice.tentative.status(), choice.confidence, decision=choice.tentative)
        out = _decided_fields(sentences, events, tentative, weights)
        out.decision = out.reason = None
        out.evidence["decision"] = out.evidence["reason"] = None
        return out
    if choice.status is Status.UNKNOWN or choice.decision is None:
        return Fields()
    return _decided_fields(sentences, events, choice, weights)


def _decided_fields(sentences: list[Sentence], events: list[Event], choice: Choice, weights: Weights) -> Fields:
    out = Fields()
    assert choice.decision is not None
    decision = choice.decision
    dsent = sentences[decision.sentence]
    decider, decider_idx = decider_of(sentences, events, choice)
    if decider is not None:
        decider = _fuller_authority(sentences, decider, decision.sentence)
    if decider is not None:
        near = [sentences[k] for k in (decider_idx, decision.sentence) if 0 <= k < len(sentences)]
        out.decided_by = _as_named(_name(decider.text), decider, near)
    choice.decider = out.decided_by
    # -- requester ----------------------------------------------------------------------
    cands = requester_candidates(sentences, events, decision, decider)
    for c in cands:
        c.p = probability(weights.requester, c.features)
    cands.sort(key=lambda c: (-c.p, c.sentence))
    requester = cands[0] if cands and cands[0].p >= REQUESTER_MIN else None
    if requester is None or not requester.phrase.named:
        role = _role_named(sentences)
        if role is not None:
            requester = RequesterCandidate(role[0], role[1], "role", {}, 1.0)
    if requester is not None:
        requester = _named_instead(requester, cands)
        requester = _fullest_mention(requester, cands)
        out.requester = _as_named(_name(requester.phrase.text), requester.phrase, [sentences[requester.sentence]])
        out.evidence["requester"] = sentences[requester.sentence].text
        choice.requester = requester.phrase
        choice.requester_sentence = requester.sentence
        named_next = _named_next(sentences, requester, content_words(out.decided_by or ""))
        if named_next is not None:
            out.requester = _name(named_next.text)
            out.evidence["requester"] = sentences[named_next.start_sentence].text
        elif not requester.phrase.named:
            _name_the_description(sentences, requester, out)
    if decider is not None and not decider.named and out.decided_by:
        _name_the_decider(sentences, decider, decider_idx, out)
    if out.decided_by and out.requester:
        out.decided_by = _without_requester(out.decided_by, out.requester)
    if out.requester and out.decided_by and content_words(out.requester) & content_words(out.decided_by):
        out.decided_by = None
        alt, alt_idx = authority_near(sentences, decision.sentence, requester.phrase if requester else None)
        if alt is not None:
            out.decided_by = _name(alt.text)
    # -- request ------------------------------------------------------------------------
    request_text, request_sent = _request(sentences, events, decision, requester, choice.support[:3])
    out.request = trim(_without_leading_preposition(request_text), TEXT_CAP)
    out.evidence["request"] = sentences[request_sent].text if request_sent is not None else None
    # -- decision and reason --------------------------------------------------------------
    decision_text = decision.verb_text
    if decision.theme is not None and decision.theme.start > decision.index:
        decision_text = f"{decision_text} {decision.theme.text}"
    out.decision = trim(decision_text, 160)
    out.evidence["decision"] = dsent.text
    reason, reason_sent = reason_for(sentences, choice, weights)
    out.reason = trim(reason, TEXT_CAP)
    out.evidence["reason"] = reason_sent
    return out


def _name_the_description(sentences: list[Sentence], requester: RequesterCandidate, out: Fields) -> None:
    """ "the developer" → the name the article gives it ("Harcourt Homes, the developer"), its
    evidence the sentence that ties the two; else the description keeps its "the"."""
    phrase = requester.phrase
    found = named_antecedent(sentences, out.requester or "", requester.sentence,
                             avoid=content_words(out.decided_by or ""))
    if found is not None:
        out.requester = _name(found[0])
        out.evidence["requester"] = sentences[found[1]].text
        return
    toks = sentences[requester.sentence].tokens
    if out.requester and not out.requester.lower().startswith("the ") and describes_party(out.requester) \
            and phrase.start > 0 and toks[phrase.start - 1].lower == "the":
        out.requester = trim(f"the {out.requester}", NAME_CAP)  # "the family", not "family"


@dataclass(slots=True)
class _NamedNext:
    text: str
    start_sentence: int


_NAMED_NEXT_SENTENCES = 2


def _named_next(sentences: list[Sentence], requester: RequesterCandidate, avoid: set[str]) -> _NamedNext | None:
    """News copy describes a party first and names it in the next paragraph: "A former drummer
    with the band has lost his bid... | Terry Haskins, who played on...", "complaints brought by a
    councillor... | Cllr Margaret Ebbs, who represents...". Only for an indefinite description in
    the headline or lede, and a name that opens one of the next two sentences."""
    phrase = requester.phrase
    toks = sentences[requester.sentence].tokens
    if requester.sentence > 2 or not 1 <= phrase.start <= len(toks):
        return None
    indefinite = toks[phrase.start - 1].lower in ("a", "an")
    head = head_word(phrase)
    if not any(w.lower() == head and w.islower() for w in phrase.text.split()):
        return None  # the party is named already ("a Harrowgate firm" is a description; "Acme" is not)
    # a person described ("a Dundalk boxer", "the former GP") is named with an age further on:
    # "Warwick Penhale, 61, who practises in Hastings"
    person = bare(head) not in lx.BACK_NOUNS | lx.AUTHORITY_HEADS
    if not indefinite and not person:
        return None
    reach = _AGED_NAME_SENTENCES if person else _NAMED_NEXT_SENTENCES
    for idx in range(requester.sentence + 1, min(len(sentences), requester.sentence + 1 + reach)):
        name = _opening_name(sentences[idx])
        if name is None or not name.named or name.authority or not _proper_name(sentences, name.text):
            continue
        if _a_role_after(sentences[idx].tokens, name.end):
            continue  # "Dr Helen Price, who chairs the panel", "Ms Lee, 45, the federation's lawyer": another role
        aged = _aged(sentences[idx].tokens, name.end) or (person and name.text.split()[0].rstrip(".") in lx.PERSONAL_TITLES)
        if not aged and (not indefinite or idx > requester.sentence + _NAMED_NEXT_SENTENCES):
            continue  # past the next two sentences, or for a definite description, only "Name, 61,"
        words = {bare(w).lower() for w in name.text.split()}
        if words & lx.DECIDER_TITLES or content_words(name.text) & avoid:
            continue  # "Judge Ann Lee said": the decider speaks next, not the party
        return _NamedNext(name.text, idx)
    return None


_AGED_NAME_SENTENCES = 5  # sentences after the description in which "Name, 61," names the person


_OTHER_ROLES = lx.AUTHORITY_HEADS | lx.DECIDER_TITLES | lx.LAWYERS | frozenset(
    "spokesman spokeswoman spokesperson chairs chaired chairman chairwoman".split())
_ROLE_REACH = 8  # tokens after a name in which its apposition names a role


def _a_role_after(toks, end: int) -> bool:
    """The apposition after a name gives it a deciding or speaking role, before the clause's verb."""
    for t in toks[end : min(len(toks), end + _ROLE_REACH)]:
        if bare(t.lower) in _OTHER_ROLES:
            return True
        if t.lower in lx.AUX:
            return False  # "Albrecht, 61, was disbarred after the law society ...": the clause goes on
    return False


def _aged(toks, end: int) -> bool:
    """ "Warwick Penhale, 61, ...", "Andris Kalnins, now 33, ...": a name with its age in
    apposition, the way news names a person."""
    return end < len(toks) and toks[end].text == "," and age_follows(toks, end + 1)


def _proper_name(sentences: list[Sentence], text: str) -> bool:
    """Two or more capitalised words ("Terry Haskins"), or one the article capitalises inside a
    sentence too ("Pixmere"), not a common noun that opens one ("Examiners at the office...")."""
    words = [w for w in text.split() if w[:1].isalpha()]
    if len(words) >= 2 and all(w[:1].isupper() for w in words):
        return True
    return bool(words) and bare(words[0]).lower() in _names_in(sentences)


def _name_the_decider(sentences: list[Sentence], decider: Phrase, idx: int, out: Fields) -> None:
    """ "the watchdog" → "Competition and Markets Authority" when the article ties them; else
    "the watchdog", not "watchdog"."""
    near = idx if idx >= 0 else 0
    # a bare noun takes a name that ends in it too ("the commission" → "Federal Trade Commission");
    # "the city council", "the industry regulator" already say which body, so only an apposed name
    bare_noun = len((out.decided_by or "").split()) == 1
    found = named_antecedent(sentences, out.decided_by or "", near, avoid=content_words(out.requester or ""),
                             apposed_only=not bare_noun)
    if found is not None and any(w[:1].isupper() for w in found[0].split()[:-1]):
        out.decided_by = _name(found[0])
        return
    toks = sentences[near].tokens if idx >= 0 else ()
    if out.decided_by and not out.decided_by.lower().startswith("the ") and describes_party(out.decided_by) \
            and 0 < decider.start <= len(toks) \
            and toks[decider.start - 1].lower == "the" and toks[decider.start].text == decider.text.split()[0]:
        out.decided_by = trim(f"the {out.decided_by}", NAME_CAP)


def _without_requester(decider: str, requester: str) -> str:
    """ "Shareholders of Acme Bank" when Acme Bank asked: the deciders, without the side that asked
    (a field naming both sides answers nothing)."""
    words = decider.split()
    mine = party_words(requester)
    for k, w in enumerate(words[1:], 1):
        if w.lower() not in ("of", "in", "at"):
            continue
        tail = " ".join(words[k + 1 :])
        # the tail is the requester ("of Acme Bank Inc"), not a body of its own ("of Acme's
        # planning committee", where the head is only its members)
        if mine and mine <= party_words(tail) and not {bare(t).lower() for t in tail.split()} & lx.AUTHORITY_HEADS \
                and not party_words(" ".join(words[:k])) & mine:
            return " ".join(words[:k])
        break
    return decider


# nouns for the side that asked, by its role in the proceedings
_ROLES = frozenset("""applicant applicants appellant appellants claimant claimants plaintiff plaintiffs
petitioner petitioners complainant complainants""".split())


def _role_named(sentences: list[Sentence]) -> tuple[Phrase, int] | None:
    """The name given to a requester's role: "The applicant, Fairway Stores, ..."."""
    for s in sentences[:40]:
        toks = s.tokens
        for k in range(len(toks) - 3):
            if toks[k].lower in _ROLES and toks[k + 1].text == "," and toks[k + 2].cap:
                end = k + 2
                while end < len(toks) and end - k <= 7 and toks[end].word and (
                        toks[end].cap or toks[end].lower in ("of", "and", "&")):
                    end += 1
                if end < len(toks) and toks[end].text == ",":
                    phrase = make_phrase(s, k + 2, end)
                    if phrase is not None:
                        return Phrase(phrase.text, phrase.start, phrase.end, named=True), s.index
    return None


NAMED_MARGIN = 0.1  # how much less likely a named candidate may be and still beat a description


def _named_instead(chosen, cands):
    """A name over a description: "Star's bid fails" (headline), then "Actress Ann Lee has lost a
    bid" (lede) — a named candidate of the lede nearly as likely is the same party, said better."""
    if chosen.phrase.named:
        return chosen
    for c in cands:
        if c.phrase.named and c.p >= chosen.p - NAMED_MARGIN and c.sentence <= max(chosen.sentence, 2) + 1 \
                and not c.features.get("is_decider") and not c.phrase.authority:
            return c
    return chosen


_LEADING_PREPS = ("on ", "in ", "at ", "over ", "about ")


def _without_leading_preposition(text: str | None) -> str | None:
    """ "on Acme refuge call; ..." → "Acme refuge call; ...": each part starts with what was asked."""
    if not text:
        return text
    parts = []
    for part in text.split("; "):
        if part.lower().startswith(_LEADING_PREPS) and len(part.split()) > 2:
            part = part.split(" ", 1)[1]
        parts.append(part)
    return "; ".join(parts)


def _fullest_mention(chosen, cands):
    """The same party's most informative mention: "the union" → "the National Teachers' Union"
    when another candidate names it with the same head word."""
    head = chosen.phrase.text.split()[-1].lower().removesuffix("'s").removesuffix("’s")
    best = chosen
    for c in cands:
        words = [w.lower().removesuffix("'s").removesuffix("’s") for w in c.phrase.text.split()]
        if head in words and c.phrase.named and len(words) <= 6 and (
            not best.phrase.named or len(c.phrase.text) > len(best.phrase.text)
        ):
            best = c
    return best


def _request(sentences, events, decision: Event, requester, support=()) -> tuple[str | None, int | None]:
    """What was asked: among the asking events (verbs and request nouns) and the decision's own
    object, the one that belongs to the requester, in the headline or lede, nearest the decision."""
    owner_words = party_words(requester.phrase.text) if requester is not None else set()
    options: list[tuple[tuple, str, int]] = []
    for e in events:
        if e.kind is not EventKind.REQUEST or e.theme is None or granter_owned(e):
            continue
        party = resolve(e.actor or e.beneficiary, e.sentence, sentences, events)
        mine = bool(owner_words and party is not None and (
            party_words(party.text) & owner_words or _initials_match(party.text, requester.phrase.text)))
        noun = _noun_event(e)
        text = _noun_text(sentences, e) if noun else _ask_text(sentences, e)
        # a quoted ask ('"We asked them to look again"') is a detail, not the request
        rank = (not mine or e.attribution.quoted, e.modality is Modality.HYPOTHETICAL or e.attribution.quoted,
                e.sentence >= 3,
                e.lemma in lx.REQUEST_NOUNS, abs(e.sentence - decision.sentence))
        if text.strip():
            options.append((rank, text, e.sentence))
    # "its bid to host the final" in the lede, where "its" is the requester: an ask of its own,
    # which the events (that keep to named owners) do not hold
    if requester is not None and owner_words:
        for idx, text in _pronoun_owned_asks(sentences, events, owner_words, requester.phrase.text):
            options.append(((False, False, idx >= 3, True, abs(idx - decision.sentence)), text, idx))
    # "X wants Y" in the lede states what X asks for, though "want" alone is no asking event
    if requester is not None:
        for idx in range(min(len(sentences), WANT_SENTENCES)):
            for text in _wants_of(sentences, events, idx, requester.phrase.text):
                options.append(((False, False, idx >= 3, False, abs(idx - decision.sentence)), text, idx))
    theme = decision.theme
    # the decision's object, and that of the other events that state its status ("failed in an
    # attempt to sue X" after "claim dismissed")
    lede = 2 if sentences and sentences[0].headline else 1
    for d in [decision, *support]:
        if d.theme is None or len(d.theme.words()) < 2 or (len(d.theme.words()) == 2 and not _owned(d.theme)):
            continue  # "reduced his suspension" names it; "rejected it" or "approved the plan" hardly
        adjunct = _past_adjunct(sentences, d)
        if adjunct is None:
            continue  # "rule | before the summer": a time, not what is decided
        if d is not decision and d.beneficiary is None and d.sentence > lede:
            continue
        asks = bool(content_words(d.theme.text) & lx.REQUEST_NOUNS)
        mine = bool(owner_words and d.beneficiary is not None and (
            party_words(d.beneficiary.text) & owner_words or _initials_match(d.beneficiary.text, requester.phrase.text)))
        # "will decide whether X": the question put to the decider, whoever put it; and a request
        # noun the decision itself disposes of in the lede ("X's attempt to Y was thrown out")
        mine = mine or adjunct.lower().startswith(("whether ", "on whether ")) or (
            d is decision and asks and d.sentence <= lede)
        if not asks and word_set(d.theme) & lx.SANCTION_NOUNS:
            mine = False  # "X's ban (was overturned)": the penalty is what X's appeal was against, no ask of X's
        rank = (not mine, False, d.sentence >= 3, not asks, abs(d.sentence - decision.sentence))
        options.append((rank, adjunct, d.sentence))
    if not options:
        last = _past_adjunct(sentences, decision) if theme is not None else None
        return (last, decision.sentence) if last else (None, None)
    options.sort(key=lambda item: item[0])
    # a bare noun ("the lawsuit") says nothing: the first option that says more, named more fully
    chosen = 0
    for n, (rank, other, _s) in enumerate(options):
        if rank[1] and n:
            continue  # not for a quoted or imagined ask
        if len(_fuller_request(sentences, other, decision.sentence).split()) > BARE_REQUEST:
            chosen = n
            break
    if chosen:
        options.insert(0, options.pop(chosen))
    text, sentence = options[0][1], options[0][2]
    text = _fuller_request(sentences, text, decision.sentence)
    # "applied for planning permission in 2003" says for what only with the decision's object
    said = {w for w in content_words(text) if not w[:1].isdigit()} - lx.GRANT_NOUNS - lx.REQUEST_NOUNS \
        - {"planning", "applied", "apply", "asked", "sought", "filed", "lodged", "submitted"}
    object_text = _past_adjunct(sentences, decision) if theme is not None else None
    if object_text and len(said) <= 1 and object_text.lower() not in text.lower() \
            and text.lower() not in object_text.lower() and len(object_text.split()) > 2 \
            and len(text) + len(object_text) + 2 <= TEXT_CAP:
        text = f"{text}; {object_text}"
    # the requester's other asks add what they add ("...missiles; radars"), within the cap
    if owner_words:
        seen = content_words(text)
        for rank, other, _s in options[1:]:
            new = {w for w in content_words(other) - seen if w not in lx.AUX and lx.lookup(w) is None}
            if text.lower() in other.lower() and len(other) <= TEXT_CAP and not rank[0]:
                text = other  # the same ask named more fully
                seen |= content_words(other)
                continue
            if rank[0] or len(new) < 2 or len(text) + len(other) + 2 > TEXT_CAP or other.lower() in text.lower():
                continue
            text = f"{text}; {other}"
            seen |= new
    return text, sentence


_ADJUNCT_STARTS = frozenset("before after until during within since".split())


OWNED_ASK_SENTENCES = 4  # the headline and lede, where a request told by "its bid" is the article's


def _pronoun_owned_asks(sentences: list[Sentence], events: list[Event], owner_words: set[str],
                        requester: str) -> list[tuple[int, str]]:
    """Request nouns owned by a pronoun that stands for the requester: "(Northmoor will have to
    wait to find out whether) its bid to bring Test cricket to the ground (has paid off)"."""
    found: list[tuple[int, str]] = []
    for sent in sentences[:OWNED_ASK_SENTENCES]:
        toks = sent.tokens
        for k, t in enumerate(toks):
            if t.lower not in lx.REQUEST_NOUNS or t.cap:
                continue
            owner = next((m for m in range(k - 1, max(-1, k - 3), -1) if toks[m].lower in lx.POSSESSIVES), None)
            if owner is None or any(not x.word for x in toks[owner + 1 : k]):
                continue
            pronoun = Phrase(toks[owner].text, owner, owner + 1, pronoun=True)
            party = resolve(pronoun, sent.index, sentences, events)
            if party is pronoun or party is None:
                continue
            if party_words(party.text) & owner_words or _initials_match(party.text, requester):
                text = noun_span(sent, k)
                if len(text.split()) > BARE_REQUEST:
                    found.append((sent.index, text))
    return found


def _past_adjunct(sentences: list[Sentence], e: Event) -> str | None:
    """The event's object without a leading time ("by June | whether to clear X"); None when the
    object is only a time."""
    assert e.theme is not None
    if not _adjunct(sentences, e):
        return e.theme.text
    sent = sentences[e.sentence]
    toks = sent.tokens
    for k in range(e.theme.start + 1, min(e.theme.end, e.theme.start + 5)):
        if toks[k].lower in ("whether", "to", "on", "if"):
            rest = sent.span(k, e.theme.end)
            return rest if len(rest.split()) >= 3 else None
    return None


def _adjunct(sentences: list[Sentence], e: Event) -> bool:
    """The event's object is a time after all: "rule | before the summer", "decide | in June"."""
    if e.theme is None or e.theme.start <= e.index:
        return False
    toks = sentences[e.sentence].tokens
    first = toks[e.theme.start].lower
    nxt = toks[e.theme.start + 1].lower if e.theme.start + 1 < len(toks) else ""
    return first in _ADJUNCT_STARTS or (first in ("in", "on", "by", "at", "next", "this", "last") and (
        nxt in lx.TIME_WORDS or nxt in MONTHS or nxt[:1].isdigit() or nxt in ("the", "a") and first != "by"))


WANT_SENTENCES = 4  # the headline and the lede
_WANTS = frozenset(["want", "wants", "wanted"])


def _wants_of(sentences: list[Sentence], events: list[Event], idx: int, requester: str) -> list[str]:
    """What the requester "wants" in one sentence: "The union wants a 5% rise", "X wanted to
    restructure the season" (not in a quotation, and not "does not want")."""
    sent = sentences[idx]
    toks = sent.tokens
    out = []
    for k, t in enumerate(toks):
        if t.lower not in _WANTS or t.quoted or k == 0 or toks[k - 1].lower in lx.NEGATORS:
            continue
        subject = resolve(subject_left(sent, k), idx, sentences, events)
        if subject is None or not (party_words(subject.text) & party_words(requester)
                                   or _initials_match(subject.text, requester)):
            continue
        wanted = object_right(sent, k + 1)
        if wanted is not None and len(wanted.words()) >= 2:
            out.append(wanted.text)
    return out


def _owned(theme: Phrase) -> bool:
    first = theme.words()[0].lower()
    return first in ("his", "her", "its", "their") or first.endswith(("'s", "’s"))


def _noun_event(e: Event) -> bool:
    """A request read from its noun ("X's bid for Y"), whose phrase holds the noun itself."""
    return e.theme is not None and e.theme.start <= e.index < e.theme.end


NOUN_MODIFIERS_MAX = 6


def _noun_text(sentences: list[Sentence], event: Event) -> str:
    """A request noun's whole phrase, up to the sentence's verb."""
    assert event.theme is not None
    return noun_span(sentences[event.sentence], event.index, event.theme.end) or event.theme.text


def noun_span(sent: Sentence, i: int, min_end: int = 0) -> str:
    """The phrase around the noun at token i: its modifiers to the left ("its $10bn (£8bn) debt
    restructuring offer") and its complement to the right ("for bondholders")."""
    toks = sent.tokens
    start = i
    k = i - 1
    while k >= 0 and i - k <= NOUN_MODIFIERS_MAX:
        t = toks[k]
        if t.text == ")":
            opening = next((m for m in range(k - 1, max(-1, k - 9), -1) if toks[m].text == "("), -1)
            if opening < 0:
                break
            k = opening - 1
            continue
        if t.lower in ("its", "their", "his", "her"):
            start = k
            break
        if t.lower.endswith(("'s", "’s")) or (t.text in ("'", "’") and k > 0 and toks[k - 1].lower.endswith("s")):
            # the owner's name: "Ashford United's plan", "Brighton and Hove Albion's", "Acme Breweries' bid"
            start = k if t.word else k - 1
            while start > 0 and (toks[start - 1].cap or (
                    toks[start - 1].lower in ("and", "&", "of") and start > 1 and toks[start - 2].cap)) \
                    and toks[start - 1].word and i - start < 2 * NOUN_MODIFIERS_MAX:
                start -= 1
            break
        if not t.word or t.lower in lx.DETERMINERS or t.lower in lx.CLAUSE_BREAKS or t.lower in lx.PRONOUNS:
            break
        if not t.cap and (t.lower in lx.AUX or t.lower in lx.NEGATORS or (
                lx.lookup(t.lower) is not None and t.lower not in lx.REQUEST_NOUNS)):
            break
        start = k
        k -= 1
    tail = object_right(sent, i + 1)
    end = max(min_end, tail.end if tail is not None and tail.start == i + 1 else i + 1)
    # the noun's phrase ends where the sentence's verb begins: "X's plan for Y | has been approved"
    for k in range(i + 1, end):
        if toks[k].lower in _FINITE and not toks[k].cap:
            end = k
            break
    return sent.span(start, end)


_FINITE = (lx.HAVE | lx.FUTURE | lx.HYPOTHETICAL | frozenset("is are was were does did".split())) - {"having"}


BARE_REQUEST = 2  # words: a request this short ("the lawsuit") gives way to one that says more
SHORT_REQUEST = 3  # words: a request this short is looked for in a fuller mention


def _fuller_request(sentences: list[Sentence], text: str, near: int) -> str:
    """ "the government's offer" → "its $10bn debt restructuring offer for bondholders" when the
    headline or the lede names the same request noun more fully."""
    words = [w.lower().strip(".,'’\"") for w in text.split()]
    if len(words) > SHORT_REQUEST:
        return text
    nouns = {w for w in words if w in lx.REQUEST_NOUNS}
    if not nouns:
        return text
    best = text
    for idx in sorted({0, 1, 2, 3, near}):
        if idx >= len(sentences):
            continue
        sent = sentences[idx]
        for k, t in enumerate(sent.tokens):
            if t.lower in nouns:
                found = noun_span(sent, k)
                if len(found.split()) > len(best.split()) and len(found) <= TEXT_CAP:
                    best = found
    return best


# asking verbs that name the kind of request ("appealed against X" is an appeal against X)
_KIND_VERBS = frozenset("appeal sue challenge apply bid petition lodge file lobby campaign call press push".split())


def _ask_text(sentences: list[Sentence], event: Event) -> str:
    if event.theme is None:
        return ""
    sent = sentences[event.sentence]
    if event.lemma in _ADDRESS_VERBS:
        # "asked the regulator for permission to X" → "permission to X"; "urged the council to X" → "to X"
        toks = sent.tokens
        for k in range(event.theme.start, min(event.theme.end - 1, event.theme.start + ADDRESSEE_MAX + 1)):
            w = toks[k].lower
            if w == "for" or (w == "to" and k > event.theme.start):
                rest = sent.span(k + 1 if w == "for" else k, event.theme.end)
                return rest if len(rest.split()) >= 2 else event.theme.text
            if not toks[k].word or w in lx.AUX or w in lx.CLAUSE_BREAKS or (
                    lx.lookup(w) is not None and not toks[k].cap and w not in lx.REQUEST_NOUNS):
                break
    if event.lemma in _KIND_VERBS and event.theme.end > event.index:
        return sent.span(event.index, event.theme.end)
    return event.theme.text


# asking verbs whose object may be who is asked ("asked the board for", "urged ministers to")
_ADDRESS_VERBS = frozenset("ask urge request beg implore petition lobby press call".split())
ADDRESSEE_MAX = 6


def _fuller_authority(sentences: list[Sentence], decider: Phrase, near: int) -> Phrase:
    """ "the court" → "the Supreme Court" when the article names it so nearby."""
    heads = {w.lower().removesuffix("'s") for w in decider.text.split()} & lx.AUTHORITY_HEADS
    if not heads or (decider.named and _titled(decider, heads)):
        return decider
    best = decider
    for idx in [0, *range(max(0, near - 10), min(len(sentences), near + 10))]:
        found = _authority_in(sentences[idx], None)
        if found is None or not heads & {w.lower().removesuffix("'s") for w in found.text.split()}:
            continue
        # a named body beats an unnamed one, a title ("Judge X", "the High Court") a description
        # ("a judge in Ohio"); then more words beat fewer ("Board" → "harbour board")
        key = (found.named, found.named and _titled(found, heads), len(found.words()))
        if key > (best.named, best.named and _titled(best, heads), len(best.words())) and (
            not best.named or _titled(found, heads)
        ):
            best = found
    return best


def _titled(phrase: Phrase, heads: set[str]) -> bool:
    """The authority word is part of a name: "Judge Karen Holt", "the High Court" (not "a judge in X")."""
    return any(w[:1].isupper() and w.lower().removesuffix("'s") in heads for w in phrase.words())
