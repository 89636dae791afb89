"""Candidate events: requests, decisions and deferrals, each with its typed arguments.

    events = find_events(sentences, budget)
    [(e.kind, e.meaning, e.status(), e.actor.text) for e in events]
    # [(DECISION, REFUSE, declined, 'The harbour board'), (REQUEST, ASK, unknown, 'Calder Ferries'), ...]

For every trigger word (a verb of asking, granting, refusing, deferring, winning or losing, or a
request noun), the event gets: its polarity and modality (`polarity`), its attribution
(`attribution`), who acts (the subject, or the by-agent of a passive), on what (the object, or the
passive subject) and for whom (the owner of a request noun: "X's bid", "an appeal by X", "a bid
from X"). The stage is linear: each trigger reads a bounded window of its sentence.
"""

from __future__ import annotations

from dataclasses import replace

from bot.summarizers.heuristic import lexicon as lx
from bot.summarizers.heuristic.attribution import attribution_of
from bot.summarizers.heuristic.budget import Budget
from bot.summarizers.heuristic.partial import got_less_than_asked, is_amount, partial_marker
from bot.summarizers.heuristic.phrases import (
    MONTHS,
    NAME_STOPS,
    agent_after,
    bare,
    head_word,
    make_phrase,
    object_right,
    passive_subject,
    subject_left,
    word_set,
)
from bot.summarizers.heuristic.polarity import polarity_of
from bot.summarizers.heuristic.tokens import Sentence, Token
from bot.summarizers.heuristic.types import Event, EventKind, Meaning, Modality, Phrase, Polarity, Voice

_VERB_CONTEXT = lx.AUX | lx.NEGATORS | lx.ADVERBS | frozenset(
    "it they he she we i who which that and also".split()
)
# what must follow an asking verb for it to be a request ("called for", "pressed for")
_ASK_NEEDS = {
    "call": frozenset(["for", "on"]),
    "press": frozenset(["for"]),
    "push": frozenset(["for"]),
    "campaign": frozenset(["for", "against", "to"]),
    "file": frozenset("for suit lawsuit claim complaint appeal papers charges".split()),
    "claim": frozenset("damages compensation asylum benefit refund".split()),
    "offer": frozenset("£ $ € to".split()),
    "table": frozenset("a an bid motion offer amendment".split()),
    "lodge": frozenset("a an appeal complaint bid objection claim".split()),
    "submit": frozenset("a an bid application plans proposal request".split()),
    "pursue": frozenset("a claim case action legal".split()),
    "try": frozenset(),
    "attempt": frozenset(),
    # "wants a pay rise", "want an inquiry": a thing wanted is asked for ("wants to" only hopes)
    "want": frozenset("a an".split()),
    # "applied for a licence", "applied to the council", "applied in March for": not "applied the rules"
    "apply": frozenset("for to".split()),
}
_OWNER_PREPS = frozenset(["by", "from", "of"])
_PARTICIPLES = frozenset("brought made taken given put led sought begun written drawn sent set held".split())
# things a side owns whose being upheld or rejected decides for or against it
_OWNED = frozenset("findings finding decision ruling position case argument arguments evidence".split())
# verbs whose outcome for the asking side depends on what they act on ("set aside the conviction"
# grants the appeal against it)
_TWO_WAY = frozenset("clear back support accept pass strike set".split())
# what "suspended"/"paused" puts on hold rather than takes away ("suspended its licence" is a sanction)
_HELD = frozenset("""plan plans proposal proposals scheme schemes project projects bid bids talks decision vote
application applications move takeover merger deal sale closure closures""".split())
# what a decider scales back or waters down, besides what is held ("plans", "scheme"): an ask's content
_SCALABLE = frozenset("expansion expansions development developments programme programmes bill bills rise increase".split())
# a challenge that is upheld wins ("upheld his appeal against the ban"), whatever it challenged
_UPHELD_ASKS = frozenset("appeal appeals complaint complaints claim claims objection objections challenge".split())
# what stands against a request: refusing it grants the request (objections to a plan)
_AGAINST_A_REQUEST = frozenset("objection objections".split())
# a decision that is upheld stands against whoever challenged it
_UPHELD_DECISIONS = frozenset("""decision decisions ruling rulings verdict verdicts ban bans sentence sentences
conviction convictions judgment judgement order refusal suspension fine""".split())
# ... and every sanction: what a challenge attacks, kept in force when upheld or confirmed
_STANDING = _UPHELD_DECISIONS | lx.SANCTION_NOUNS
_EARLIER_STEP = frozenset("original earlier previous initial lower".split())


def _decision_to_act(sentence: Sentence, theme: Phrase | None) -> bool:
    """ "the committee's decision to approve the flats": a decision named by what it does."""
    words = [t.lower for t in sentence.tokens[theme.start : theme.end]] if theme is not None else []
    return any(w in ("decision", "decisions") and k + 1 < len(words) and words[k + 1] == "to" for k, w in enumerate(words))


def _objects_to_a_decision(toks, theme: Phrase | None) -> bool:
    """ "objection to the council's refusal", "objections to the conditions": an objection to a
    decision already made is itself the challenge, so refusing it refuses."""
    words = [t.lower for t in toks[theme.start : theme.end]] if theme is not None else []
    if "to" not in words:
        return False
    after = {bare(w) for w in words[words.index("to") + 1 :][:4]}
    return bool(after & (_STANDING | {"conditions", "condition"}))


_ASKED_LISTS = frozenset("list lists request requests bid bids claim claims proposal proposals plan plans".split())


def _anothers_ask(sentence: Sentence, theme: Phrase | None, actor: Phrase | None) -> bool:
    """ "trims Eastvale's wish list", "cut the union's pay claim": what another party asked for,
    its owner's possessive on the head noun, cut down by the one who decides (not "cut its plan", a
    body's own, nor "trimmed the budget for London's police")."""
    if theme is None or bare(head_word(theme)) not in _ASKED_LISTS | lx.REQUEST_NOUNS:
        return False
    toks = sentence.tokens
    for k in range(theme.start, min(theme.end, theme.start + 4)):
        t = toks[k]
        if not t.word or t.lower in lx.PREPOSITIONS:
            return False
        if t.lower.endswith(("'s", "’s")):
            owner = bare(t.lower)
            party = t.cap or owner in lx.PARTY_NOUNS
            return party and not (actor is not None and owner in {bare(w) for w in actor.text.lower().split()})
    return False


def _anothers_decision(sentence: Sentence, theme: Phrase | None) -> bool:
    """ "(confirmed) the committee's decision", "the original ruling": a decision someone else made
    before, named as such, which is kept in force."""
    if theme is None or bare(head_word(theme)) not in _STANDING:
        return False
    words = sentence.tokens[theme.start : theme.end]
    return any((t.lower.endswith(("'s", "’s")) and bare(t.lower) in lx.AUTHORITY_HEADS) or t.lower in _EARLIER_STEP
               for t in words)


def _stood_by_a_decision(toks, k: int) -> bool:
    """ "(stood by) its decision", "the original ruling", "its plan to merge": a determiner, then a
    decision or plan noun as the head, before any preposition or clause."""
    if k >= len(toks) or toks[k].lower not in lx.DETERMINERS:
        return False
    for j in range(k + 1, min(len(toks), k + 4)):
        w = toks[j].lower
        if w in _UPHELD_DECISIONS or w in lx.SANCTION_NOUNS or w in _STOOD_BY:
            return True
        if not toks[j].word or w in lx.PREPOSITIONS or w in lx.CLAUSE_BREAKS:
            return False
    return False


# what a body stands by besides a decision: its own plan or position, kept against a challenge
_STOOD_BY = frozenset("plan plans proposal proposals recommendation recommendations position policy stance".split())
_LIFTABLE = frozenset("""ban bans restriction restrictions suspension embargo sanctions moratorium curbs block
prohibition order orders injunction injunctions curfew freeze""".split())
# nouns whose content an -ing verb right after them states ("a ruling allowing", "a bill banning")
_CONTENT_NOUNS = lx.REQUEST_NOUNS | lx.DECISION_NOUNS | frozenset(
    "law laws rule rules order orders measure measures legislation amendment policy regulation regulations".split()
)
# what a passive verb's second object cannot start with: "was refused a visa" has one, "was put off
# for two months" and "was approved after a vote" do not
_NOT_SECOND_OBJECT = NAME_STOPS | lx.ADVERBS | lx.TIME_WORDS | frozenset(
    "by to in on for until amid following despite pending because next once twice".split())
# the American headline verb "OK": "OKs", "OK'd", "okays"; a bare "OK" only between a subject and
# its object in a headline ("Board OK <n>-year lease"), never "is OK", "OK after", "gets OK from"
_OK_FORMS = frozenset("oks ok's ok'd ok’d okd okays okayed".split())
_OK_WORDS = _OK_FORMS | {"ok"}
_PROPOSED = frozenset("""motion motions amendment amendments bill bills question questions resolution offer bid
legislation budget report proposal proposals petition plan plans""".split())
_PROPOSERS = frozenset("government minister ministers secretary mp mps".split())  # who tables to propose
_NEED_WORDS = frozenset("need needs needed require requires required".split())
# granting time decides nothing yet: "was granted extra time", "given more time to decide"
_MORE_WORDS = frozenset("extra more further additional".split())
_DEFER_NOUN_CUES = frozenset("""expected due awaited pending scheduled set adjourned postponed delayed deferred
face faces facing""".split())


def find_events(sentences: list[Sentence], budget: Budget) -> list[Event]:
    events: list[Event] = []
    for sentence in sentences:
        if budget.spent():
            break
        found = sentence_events(sentence)
        if sentence.index > 0:
            _motion_to_put_off(sentences[sentence.index - 1], sentence, found)
        events.extend(found)
    return events


_PUT_OFF_MOTIONS = frozenset("table defer postpone delay continue adjourn".split())


def _motion_to_put_off(before: Sentence, sentence: Sentence, found: list[Event]) -> None:
    """ "X made a motion to table the rezoning. The commission approved that motion 2 to 1.":
    passing a motion to put a request off puts it off — a deferral, not a grant."""
    toks = before.tokens
    if not any(toks[k].lower == "motion" and toks[k + 1].lower == "to" and toks[k + 2].lower in _PUT_OFF_MOTIONS
               for k in range(len(toks) - 2)):
        return
    for e in found:
        words = e.theme.text.lower().split()[:2] if e.theme is not None else []
        if e.kind is EventKind.DECISION and e.meaning is Meaning.GRANT and words \
                and (words[0] == "motion" or words == ["that", "motion"]):
            e.kind, e.meaning, e.partial = EventKind.DEFERRAL, Meaning.DEFER, False


def sentence_events(sentence: Sentence) -> list[Event]:
    out: list[Event] = []
    toks = sentence.tokens
    for i, tok in enumerate(toks):
        if not tok.word:
            continue
        word = tok.lower
        entry = lx.lookup(word)
        if word in _OK_WORDS:
            entry = _headline_ok(sentence, i) or entry
        # constructions with a meaning of their own come first ("said no to", "there will be no");
        # looked up by the word's lemma or the word, so most words try none
        finders = _CONSTRUCTIONS.get(entry.lemma if entry is not None else word) or _CONSTRUCTIONS.get(word)
        if finders and (told := _first_found(finders, sentence, i, entry)) is not None:
            out.append(told)
            continue
        if entry is not None and entry.kind != "attrib" and _is_verb(sentence, i, entry.lemma):
            event = _verb_event(sentence, i, entry)
            if event is not None:
                out.append(event)
                continue
        if word in _NOMINAL_DECISIONS:
            event = _noun_decision(sentence, i)
            if event is not None:
                out.append(event)
                continue
        if word in lx.REQUEST_NOUNS and not (word in ("call", "calls") and _next(toks, i) not in ("for", "to", "on")):
            event = _noun_request(sentence, i)
            if event is not None:
                out.append(event)
        if word in lx.DECISION_NOUNS:
            event = _noun_deferral(sentence, i)
            if event is not None:
                out.append(event)
    for event in out:
        if event.kind is EventKind.DECISION and _claimed(sentence, event):
            event.modality = Modality.HYPOTHETICAL  # "union leaders claimed the bid had been thrown out"
        elif event.kind is EventKind.DECISION and _indirect_question(toks, event.verb_start):
            event.modality = Modality.HYPOTHETICAL  # "until you tell them who gets the licence"
        elif event.kind is EventKind.DECISION and _asked_as_a_question(toks, event.verb_start):
            event.modality = Modality.HYPOTHETICAL  # "Will Brenmark let the plane through?": not yet answered
    return out


# a yes-no question's openers ("Why did X refuse ...?" takes the refusal as given)
_QUESTION_OPENERS = frozenset("""will would can could should shall may might must does do did is are was were has
have had""".split())


def _asked_as_a_question(toks, verb_start: int) -> bool:
    """A decision inside a direct question ("Will the board approve it?", "Should X be allowed ...?"):
    the clause opens on an auxiliary or a question word and ends on a question mark."""
    end = next((k for k in range(verb_start, len(toks)) if toks[k].text in ("?", ".", ";", "!", ",")), len(toks))
    if end >= len(toks) or toks[end].text != "?":
        return False
    start = verb_start
    while start > 0 and toks[start - 1].text not in (",", ";", ":", "?", ".", "!", "—", "–") and verb_start - start < 12:
        start -= 1
    return toks[start].lower in _QUESTION_OPENERS


_ASKS_WHO = frozenset("""tell tells told know knows knew decide decides deciding decided choose chooses choosing
determine determines determining see ask asks asked about over on of is them us you me him her""".split())


def _indirect_question(toks, verb_start: int) -> bool:
    """ "tell them who gets the licence", "deciding who wins the contract", "whoever gets it": which
    side wins is the question, not the news."""
    if verb_start < 1:
        return False
    who = toks[verb_start - 1].lower
    if who == "whoever":
        return True
    return who == "who" and verb_start > 1 and toks[verb_start - 2].lower in _ASKS_WHO


_CLAIM_WORDS = frozenset("claim claims claimed claiming allege alleges alleged alleging".split())
_CLAIM_REACH = 20  # tokens from "claimed (that)" to the decision it reports
_OUT_OF_THE_CLAIM = frozenset("after when before while but who which whose because as since".split())


def _claimed(sentence: Sentence, event: Event) -> bool:
    """A decision told only as someone's claim ("have claimed that the bid has been thrown out",
    "the union's claim that it was rejected"): what a side asserts, which the decider may deny."""
    toks = sentence.tokens
    for j in range(event.verb_start - 1, max(-1, event.verb_start - _CLAIM_REACH), -1):
        w = toks[j].lower
        if w in _CLAIM_WORDS and j + 1 < len(toks) and toks[j + 1].lower == "that":
            return True  # ("Despite claims that X, the council approved": the comma ends the claim first)
        if w in _OUT_OF_THE_CLAIM or not toks[j].word:
            return False  # the decision is in a clause of its own (", the council approved", "after the FA rejected")
    return False


def _group_start(toks, k: int) -> int:
    """Where the verb group ending at token k starts: back over auxiliaries and adverbs ("has now
    voted", "has been")."""
    while k > 0 and (toks[k - 1].lower in lx.AUX or toks[k - 1].lower in lx.ADVERBS):
        k -= 1
    return k


def _first_found(finders, sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    for find in finders:
        if (event := find(sentence, i, entry)) is not None:
            return event
    return None


def _headline_ok(sentence: Sentence, i: int) -> lx.Entry | None:
    """The American headline verb "OK" ("Commissioners OK lease", "council OKs plan"): only between
    a subject and its object, never "is OK", "OK after", "gets OK from"."""
    toks = sentence.tokens
    word = toks[i].lower
    if word in _OK_FORMS or (word == "ok" and toks[i].text == "OK" and sentence.headline and 0 < i < len(toks) - 1
                             and toks[i - 1].word and toks[i + 1].word and toks[i - 1].lower not in lx.BE
                             and toks[i - 1].lower not in lx.PRONOUNS | {"get", "gets", "give", "gives", "got"}
                             and toks[i + 1].lower not in NAME_STOPS | {"after", "with", "despite"}):
        return lx.Entry("approve", Meaning.GRANT, True)
    return None


def _said_yes_no(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "said no to the plan", "say yes to": a spoken refusal or grant."""
    toks = sentence.tokens
    if entry is None or entry.lemma != "say" or i + 2 >= len(toks) or toks[i + 2].lower != "to" \
            or toks[i + 1].lower not in ("no", "yes"):
        return None
    meaning = Meaning.REFUSE if toks[i + 1].lower == "no" else Meaning.GRANT
    return _verb_event(sentence, i, lx.Entry("say " + toks[i + 1].lower, meaning, True), after=i + 3)


def _outcome_adjective(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    return _request_outcome(sentence, i) if sentence.tokens[i].lower in _OUTCOME_ADJECTIVES else None


def _no_refusal(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    return _there_will_be_no(sentence, i) if sentence.tokens[i].lower == "no" else None


_REMOVED = frozenset("withdrawn pulled removed taken dropped struck".split())


def _off_the_agenda(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "the item was withdrawn from the agenda", "pulled off the agenda": put off for now."""
    toks = sentence.tokens
    if i < 3 or toks[i - 1].lower not in ("the", "its", "their", "tonight's", "wednesday's") \
            or toks[i - 2].lower not in ("from", "off"):
        return None
    k = i - 3 if toks[i - 3].lower != "off" else i - 4  # "taken off the agenda"
    if k < 0 or toks[k].lower not in _REMOVED or not any(t.lower in lx.BE | {"been", "being"} for t in toks[max(0, k - 3) : k]):
        return None  # only the passive told of an item: "was withdrawn from the agenda"
    reading = polarity_of(sentence, k, True)
    if reading.polarity is not Polarity.AFFIRMED or reading.modality is not Modality.FACT:
        return None
    theme = subject_left(sentence, reading.verb_start)
    return _told(sentence, i, Meaning.DEFER, "off the agenda", reading.verb_start, i + 1, theme=theme,
                 beneficiary=owner_in(sentence, theme) if theme is not None else None)


_CAN_NOW_REACH = 16  # tokens from "can now" to the "after" that says whose act allowed it
_ACTED = frozenset("gave made took found held put set let".split())  # past forms that do not end in -ed


def _can_now_after(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "X can now stand candidates under its own name after the Electoral Commission added it to
    the register": what a party may now do, because a deciding body acted — a permission."""
    toks = sentence.tokens
    if toks[i].lower != "now" or i < 2 or toks[i - 1].lower not in ("can", "may") or i + 1 >= len(toks) \
            or not toks[i + 1].word or toks[i + 1].lower in lx.NEGATORS | lx.BE:
        return None  # (not "can now be told": what others may do to it)
    if any(t.lower in _OPEN_CLAUSE or lx.lemma(t.lower) in _OPEN_VERBS or t.lower in lx.NEGATORS
           for t in toks[max(0, i - 12) : i]):
        return None  # "asks whether it can now", "hopes it can now": not permitted yet
    k = next((k for k in range(i + 2, min(len(toks), i + _CAN_NOW_REACH)) if toks[k].lower == "after"), -1)
    if k < 0:
        return None
    for m in range(k + 2, min(len(toks), k + 8)):
        w = toks[m].lower
        if not toks[m].word:
            return None
        if not toks[m].cap and (w.endswith("ed") or w in _ACTED) and w not in lx.AUX:
            acted = lx.lookup(w)
            if acted is not None and acted.meaning in (Meaning.REFUSE, Meaning.LOSE, Meaning.DEFER):
                return None  # "can now appeal after the judge refused it": what is left after a refusal
            body = subject_left(sentence, m)
            if body is None or body.start <= k or not body.authority:
                return None
            party = subject_left(sentence, i - 1)
            return _told(sentence, i, Meaning.GRANT, "can now", i - 1, i + 2, actor=body, beneficiary=party,
                         theme=object_right(sentence, i + 2))
    return None


def _voted_to_table(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "voted 5-2 to table the application": set aside for now (the American sense; "decided to
    table a motion" proposes one, and stays a request)."""
    if entry is None or entry.lemma != "table" or (voter := _voter(sentence.tokens, i)) < 0:
        return None
    event = _verb_event(sentence, i, lx.Entry("table", Meaning.DEFER, False))
    if event is None or event.polarity is not Polarity.AFFIRMED:
        return None
    event.modality = Modality.FACT  # the vote has been taken: "voted", not "will vote"
    event.actor = subject_left(sentence, voter)
    return event


def _headline_tabled(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """A headline's "Council tables <a request>": a body sets it aside ("tables a motion" proposes)."""
    if entry is None or entry.lemma != "table" or not sentence.headline or i == 0:
        return None
    event = _verb_event(sentence, i, lx.Entry("table", Meaning.DEFER, False))
    if event is None or event.actor is None or not event.actor.authority or event.theme is None \
            or bare(head_word(event.theme)) in _PROPOSED or event.actor.text.lower().split()[-1] in _PROPOSERS:
        return None
    return event


def _pushed_back(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "pushes back its decision by three months": put off (not "pushed for", a request, nor "pushed
    back against", resisting)."""
    toks = sentence.tokens
    if entry is None or entry.lemma != "push" or _next(toks, i) != "back" \
            or (i + 2 < len(toks) and toks[i + 2].lower in ("against", "on", "at", "over")):
        return None
    return _verb_event(sentence, i, lx.Entry("push back", Meaning.DEFER, True), after=i + 2)


def _needs_time(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "the regulator said it needed more time to study the bid": a decision put off."""
    toks = sentence.tokens
    if toks[i].lower not in _NEED_WORDS or i + 2 >= len(toks) or toks[i + 1].lower not in _MORE_WORDS \
            or toks[i + 2].lower != "time":
        return None
    event = _verb_event(sentence, i, lx.Entry("need time", Meaning.DEFER, False), after=i + 3)
    return event if event is not None and _time_to_decide(sentence, event, i + 3) else None


def _told_it_cannot(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "was told it cannot expand", "has been told he will not be allowed to stay": a refusal."""
    if entry is None or entry.lemma != "tell" or (k := _told_cannot(sentence.tokens, i)) is None:
        return None
    return _verb_event(sentence, i, lx.Entry("tell cannot", Meaning.REFUSE, True), after=k)


_HOLD_SPAN = 6  # tokens a request may take between "put" and "on hold"
_PUT_FORMS = frozenset(["put", "puts", "putting"])


def _on_hold(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "the plans have been put on hold", "Stadium plan on hold", "the council put the scheme on
    ice": a request set aside for now."""
    toks = sentence.tokens
    if toks[i].lower not in ("hold", "ice") or i < 2 or toks[i - 1].lower != "on":
        return None
    put = next((k for k in range(i - 2, max(-1, i - 2 - _HOLD_SPAN), -1) if toks[k].lower in _PUT_FORMS), -1)
    be = i - 2
    while be > 0 and toks[be].lower in lx.ADVERBS:
        be -= 1  # "is now on hold"
    actor = None
    if put == i - 2 and put > 0 and toks[put - 1].lower in lx.BE:  # "has been put on hold"
        verb_start = _group_start(toks, put)
        theme = passive_subject(sentence, verb_start)  # what is held may be long: "hopes of replacing ..."
    elif put >= 0:  # "the council put the plans on hold": its object is held, its subject holds it
        if put > 0 and toks[put - 1].lower == "to" and not _carried_out(toks, put - 1):
            return None  # "urged the council to put it on hold", "refused to put it on hold"
        verb_start = _group_start(toks, put)
        theme = make_phrase(sentence, put + 1, i - 1)
        actor = subject_left(sentence, verb_start)
    elif toks[be].lower in lx.BE or (sentence.headline and toks[i - 2].word):  # "is on hold", "Plan on hold"
        verb_start = _group_start(toks, be) if toks[be].lower in lx.BE else i - 1
        theme = passive_subject(sentence, verb_start)
    else:
        return None
    # the verb group and the words just before it: "has not been put", "did not put", "never put"
    group = {t.lower for t in toks[max(0, verb_start - 2) : i - 1]}
    if theme is None or bare(head_word(theme)) not in lx.REQUEST_NOUNS | lx.DECISION_NOUNS | _HOPES \
            or group & (lx.NEGATORS | lx.HYPOTHETICAL) \
            or any(t.lower in lx.CONDITION_WORDS for t in toks[max(0, verb_start - 8) : verb_start]):
        return None  # "no longer on hold", "could be put on hold", "if the plan is put on hold"
    return _told(sentence, i, Meaning.DEFER, "on hold", verb_start, i + 1, theme=theme, actor=actor,
                 beneficiary=owner_in(sentence, theme))


_HOPES = frozenset("hopes hope ambitions dreams".split())  # "their hopes of new ferries are on hold"


_LEGAL_STEPS = frozenset("appeal appealing challenge challenging legal action sue suing".split())


def _mind_not_made_up(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "the board insists it has not yet made up its mind", "ministers have yet to make up their
    minds": a decision still to come, by the one whose mind it is."""
    toks = sentence.tokens
    if i + 3 >= len(toks) or toks[i + 1].lower != "up" or toks[i + 2].lower not in _OWNER_DETERMINERS \
            or toks[i + 3].lower not in ("mind", "minds"):
        return None
    verb_start = _group_start(toks, i)
    before = [t.lower for t in toks[max(0, verb_start - 3) : i]]
    if not (set(before) & lx.NEGATORS or ("yet" in before and "to" in before)):
        return None  # "has made up its mind": decided, which way is told elsewhere
    actor = subject_left(sentence, verb_start if toks[verb_start].lower != "to" else _group_start(toks, verb_start))
    if actor is not None and actor.pronoun:
        actor = _speaker_for(sentence, actor) or actor  # "the board insists it has not"
    if _a_side(sentence, actor) or any(t.lower in _LEGAL_STEPS for t in toks[i + 4 : i + 10]):
        return None  # "residents have yet to make up their minds about a legal challenge": a side's next step
    return _told(sentence, i, Meaning.DEFER, "not made up its mind", verb_start, i + 4, actor=actor)


def _carried_out(toks, to: int) -> bool:
    """The verb before "to" says the infinitive happened: "agreed to", "voted to", "decided to"."""
    for k in range(to - 1, max(-1, to - 4), -1):
        if lx.control(toks[k].lower) is not None:
            return lx.control(toks[k].lower) == "fact"
    return False


_ENDINGS = {"defeat": Meaning.LOSE, "failure": Meaning.LOSE, "victory": Meaning.WIN, "success": Meaning.WIN}
_FIGHTS = frozenset("fight battle campaign struggle".split())


def _ended_in(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "her fight for compensation ended in defeat", "the bid ends in failure": a request's fate
    told by how it ended."""
    toks = sentence.tokens
    j = i + 2 + (i + 2 < len(toks) and toks[i + 2].lower in ("a", "an"))
    if i + 2 >= len(toks) or toks[i + 1].lower != "in" or j >= len(toks) or toks[j].lower not in _ENDINGS:
        return None
    if j + 1 < len(toks) and toks[j + 1].lower in ("for", "against"):
        return None  # "ended in defeat for the government": whose defeat is named after it
    verb_start = _group_start(toks, i)
    theme = subject_left(sentence, verb_start)
    if theme is None:
        return None
    head = bare(head_word(theme))
    words = word_set(theme)
    # a fight counts when it is for something asked: "her fight for compensation", not "the battle for the title"
    fought = head in lx.REQUEST_NOUNS or (
        head in _FIGHTS and (words - _FIGHTS) & (lx.WIN_OBJECTS | lx.GRANT_NOUNS | lx.AWARDED_FUNDS))
    group = {t.lower for t in toks[verb_start:i]}
    if not fought or group & (lx.NEGATORS | lx.HYPOTHETICAL | lx.FUTURE) \
            or any(t.lower in lx.CONDITION_WORDS for t in toks[max(0, theme.start - 2) : theme.start + 1]):
        return None  # "will end in failure", "if the bid ends in failure"
    return _told(sentence, i, _ENDINGS[toks[j].lower], "end in " + toks[j].lower, verb_start, j + 1, theme=theme,
                 beneficiary=owner_in(sentence, theme), strong=True)


def _a_refusal(sentence: Sentence, theme: Phrase | None) -> bool:
    """What is acted on is an earlier refusal: "the council's refusal", "the rejection of the bid",
    "the decision to refuse him a permit"."""
    if theme is None:
        return False
    toks = sentence.tokens
    for k in range(theme.start, min(theme.end, theme.start + 6)):
        w = toks[k].lower
        if w in lx.REFUSAL_NOUNS:
            return True
        if w in ("of", "for", "against", "over") and k > theme.start and toks[k - 1].lower in lx.REQUEST_NOUNS:
            return False  # "the club's claim of wrongful dismissal": the refusal belongs to what is claimed
        if w in lx.DECISION_NOUNS and k + 2 < len(toks) and toks[k + 1].lower == "to" \
                and (verb := lx.lookup(toks[k + 2].lower)) is not None and verb.meaning is Meaning.REFUSE:
            return True
    return False


def _in_favour(toks, at: int) -> int:
    """After "in" at `at`: "in favour (of)", "in his favour", "in the council's favour" — where what
    follows starts (its beneficiary), or -1."""
    for k in range(at + 1, min(len(toks), at + 5)):
        if toks[k].lower in ("favour", "favor"):
            return k + 1
        if not toks[k].word or toks[k].lower in lx.CLAUSE_BREAKS:
            return -1
    return -1


_FIND_FORMS = frozenset("find finds found".split())


def _found_in_favour(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "the tribunal found in favour of the driver", "judges found in her favour": a ruling for
    that side (found alone states a finding, no outcome)."""
    toks = sentence.tokens
    if toks[i].lower not in _FIND_FORMS or i + 2 >= len(toks) or toks[i + 1].lower != "in" \
            or (k := _in_favour(toks, i + 1)) < 0:
        return None
    return _verb_event(sentence, i, lx.Entry("find in favour", Meaning.GRANT, True), after=k)


_SIGN_FORMS = frozenset("sign signs signed signing".split())


def _signed_into_law(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "signed the bill into law", "signed into law a measure that ...": a bill enacted (a
    signature on anything else, a contract or a player, grants no request)."""
    toks = sentence.tokens
    if toks[i].lower not in _SIGN_FORMS:
        return None
    k = next((k for k in range(i + 1, min(len(toks) - 1, i + _LAW_SPAN))
              if toks[k].lower == "into" and toks[k + 1].lower == "law"), -1)
    if k < 0 or any(t.text in (",", ";") for t in toks[i + 1 : k]):
        return None
    return _verb_event(sentence, i, lx.Entry("sign into law", Meaning.GRANT, True), after=k + 2 if k == i + 1 else i + 1)


_LAW_SPAN = 14  # tokens a bill's name may take between "signed" and "into law"
_REFER_FORMS = frozenset("refer refers referred referring".split())
# what a body refers on to another for a decision ("the bid was referred to the Competition Commission")
_REFERRED = lx.REQUEST_NOUNS | frozenset("matter matters issue issues dispute disputes decision question".split())


def _referred_on(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "the deal has been referred to the Competition Commission", "ministers referred the bid to
    the regulator": sent on to another body to decide (not "referred to as", "referred to a specialist",
    "the report referred to the case": a mention)."""
    toks = sentence.tokens
    if toks[i].lower not in _REFER_FORMS:
        return None
    to = next((k for k in range(i + 1, min(len(toks), i + 9)) if toks[k].lower == "to"), -1)
    if to < 0 or (to + 1 < len(toks) and toks[to + 1].lower == "as"):
        return None
    body = [t.lower for t in toks[to + 1 : to + 7]]
    if not set(body) & lx.AUTHORITY_HEADS or "as" in body[:3]:
        return None
    passive = i > 0 and toks[i - 1].lower in lx.BE
    verb_start = _group_start(toks, i)
    theme = passive_subject(sentence, verb_start) if passive else (make_phrase(sentence, i + 1, to) if to > i + 1 else None)
    if theme is None or bare(head_word(theme)) not in _REFERRED:
        return None
    event = _verb_event(sentence, i, lx.Entry("refer", Meaning.DEFER, True), after=i + 1 if passive else to)
    if event is not None:
        event.theme = theme
        event.beneficiary = event.beneficiary or owner_in(sentence, theme)
    return event


_UNDER = frozenset("review consideration scrutiny".split())


def _under_review(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "the plans are under review", "the application remains under consideration": a request
    still being weighed."""
    toks = sentence.tokens
    if toks[i].lower != "under" or i + 1 >= len(toks) or toks[i + 1].lower not in _UNDER or i == 0:
        return None
    k = i - 1
    while k > 0 and toks[k].lower in lx.ADVERBS:
        k -= 1
    if toks[k].lower not in lx.BE | {"remains", "remain", "remained"}:
        return None
    verb_start = _group_start(toks, k)
    theme = passive_subject(sentence, verb_start)
    group = {t.lower for t in toks[max(0, verb_start - 2) : i]}
    if theme is None or bare(head_word(theme)) not in lx.REQUEST_NOUNS | lx.DECISION_NOUNS \
            or group & (lx.NEGATORS | lx.HYPOTHETICAL) \
            or any(t.lower in lx.CONDITION_WORDS for t in toks[max(0, verb_start - 8) : verb_start]):
        return None  # "no longer under review", "if the plan is under review"
    return _told(sentence, i, Meaning.DEFER, "under review", verb_start, i + 2, theme=theme,
                 beneficiary=owner_in(sentence, theme))


_SHORT_REACH = 24  # tokens back from "short of" to the outcome it measures


def _short_of_asked(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "will handle up to 4,000 flights, well short of the 5,200 it had wanted", "capped it at 180
    homes, 60 fewer than the 240 it had sought", "will take 60
    students, half the number it had bid for", "means £3.6m rather than the £7.2m it sought": an
    outcome told as what it allows, measured against the larger amount asked — a partial grant."""
    toks = sentence.tokens
    w, nxt = toks[i].lower, _next(toks, i)
    if (w, nxt) in (("short", "of"), ("rather", "than"), ("instead", "of"), ("fewer", "than"), ("less", "than")):
        rest = i + 2
    elif w == "half" and nxt in ("the", "of", "what"):
        rest = i + 1
    elif w in ("much", "many", "far", "high") and nxt == "as" and i > 1 and toks[i - 1].lower == "as" \
            and toks[i - 2].lower in ("not", "nowhere", "never"):
        rest = i + 2  # "will go up, but not as much as first proposed": the comparison is the amount
    else:
        return None
    tail = [t for t in toks[rest : rest + 4] if t.lower not in ("the", "all", "of")]
    if w not in ("much", "many", "far", "high"):
        if not tail or not (is_amount(tail[0]) or tail[0].lower in ("what", "number", "amount", "sum")):
            return None  # "short of breath", "rather than the southern route": no amount asked
    if not any(lx.lemma(t.lower) in lx.ASKING_LEMMAS for t in toks[rest : rest + 9]):
        return None
    lo = max(0, i - _SHORT_REACH)
    cue = next((k for k in range(lo, i) if toks[k].lower in _OUTCOME_CUES or (
        toks[k].lower == "will" and k + 1 < i and toks[k + 1].lower in _GIVEN_VERBS) or (
        (e := lx.lookup(toks[k].lower)) is not None and e.meaning in (Meaning.GRANT, Meaning.WIN) and e.kind != "ask")), -1)
    if cue < 0 and _refers_to_an_outcome(toks, i):
        cue = 0  # "The figure is well short of the 120 it had asked for": the last sentence's outcome
    if cue < 0:
        return None  # "raised £2m, short of the £5m it wanted": a shortfall, no decision told
    # who gets the lesser amount: the subject of the clause that tells the outcome ("the school will take")
    subject = subject_left(sentence, _group_start(toks, cue)) if toks[cue].lower != "decision" else None
    if subject is not None and (subject.pronoun or bare(head_word(subject)) in lx.DECISION_NOUNS):
        subject = None
    return _told(sentence, i, Meaning.PARTIAL, "less than asked", i, i + 2, partial=True, strong=True,
                 beneficiary=subject)


# what stands for an amount just given: "The figure is well short of ...", "That is half what..."
_OUTCOME_REFERENCES = frozenset("figure number award allocation settlement increase rise".split())


def _refers_to_an_outcome(toks, i: int) -> bool:
    """The sentence opens on a word for the amount the sentence before gave, then "is/was (well)":
    "The figure is well short of", "That is half what"."""
    k = 1 if toks and toks[0].lower == "the" else 0
    if k >= len(toks) or not (toks[k].lower in _OUTCOME_REFERENCES or (k == 0 and toks[0].lower in ("that", "this"))):
        return False  # (not "It is", "The total is": "it" or a sum raised may refer to anything)
    k += 1
    if k >= len(toks) or toks[k].lower not in ("is", "was", "represents", "means"):
        return False
    between = toks[k + 1 : i]
    return len(between) <= 3 and all(t.word and not t.cap for t in between)


# words before a comparison with what was asked that tell an outcome: "will be able to", "the
# decision means", "will take", "will rise"
_OUTCOME_CUES = frozenset("able allowed permitted decision determination ruling means capped limited".split())
# after "will", the verbs that tell what a decision gives ("will take 60 students", "will pay more");
# not "will strike", "will decide"
_GIVEN_VERBS = frozenset("get receive take pay rise go increase have keep".split())


_LEARN_FORMS = frozenset("find learn know hear".split())
_LEARN_REACH = 5  # tokens from "will find out" to its "whether": "will find out next week whether"
_WHETHER_REACH = 15  # tokens of the question in which what is decided is named
_YET_TO_COME = frozenset("will 'll shall".split())
_WAITING = frozenset("wait expect due set".split())  # "waits to learn", "is expected to learn"
_WAIT_REACH = 8  # tokens from "wait" to its "to": "will have to wait until the spring at the earliest to learn"


def _waiting_before(toks, to: int) -> bool:
    for k in range(to - 1, max(-1, to - _WAIT_REACH), -1):
        if lx.lemma(toks[k].lower) in _WAITING:
            return True
        if not toks[k].word or toks[k].lower in lx.CLAUSE_BREAKS:
            return False
    return False
_WAITER_START = 2  # the one waiting opens the sentence ("The club will find out"); else it is not read


def _learns_whether(sentence: Sentence, i: int, entry: lx.Entry | None) -> Event | None:
    """ "The club will find out next week whether its appeal has succeeded", "X waits to learn if
    the vote is on": a decision someone is still waiting to hear, due — pending. Only a question
    about a request or a decision ("whether the plan works" decides nothing)."""
    toks = sentence.tokens
    if toks[i].lower not in _LEARN_FORMS or i == 0:
        return None
    before = [t.lower for t in toks[max(0, i - 3) : i]]
    waits = i > 1 and toks[i - 1].lower == "to" and _waiting_before(toks, i - 1)
    if not (waits or any(w in _YET_TO_COME or w.endswith(("'ll", "’ll")) for w in before)) \
            or any(w in lx.NEGATORS for w in before):
        return None  # "found out whether", "did not know whether", "hope to learn whether": no decision due
    k = i + 1 + (_next(toks, i) == "out")
    question = next((j for j in range(k, min(len(toks), k + _LEARN_REACH)) if toks[j].lower in ("whether", "if")), -1)
    if question < 0 or any(not t.word for t in toks[k:question]):
        return None
    asked = toks[question + 1 : question + 1 + _WHETHER_REACH]
    cut = next((k for k, t in enumerate(asked) if t.text == "," or t.lower in ("which", "who")), len(asked))
    asked = asked[:cut]  # "whether the drug, which regulators approved last year, works": not the question
    if not any(t.lower in lx.DECISION_NOUNS
               or ((e := lx.lookup(t.lower)) is not None and e.kind != "attrib"
                   and e.meaning in (Meaning.GRANT, Meaning.REFUSE, Meaning.WIN, Meaning.LOSE)) for t in asked):
        return None
    start = _group_start(toks, i)
    waiting = subject_left(sentence, start)
    if waiting is None and start > 1 and toks[start - 1].lower == "to":
        waiting = subject_left(sentence, _group_start(toks, start - 2))  # "X waits to learn if"
    if waiting is not None and (waiting.start > _WAITER_START or not (
            (waiting.named and waiting.text[:1].isupper()) or waiting.pronoun
            or bare(head_word(waiting)) in lx.PARTY_NOUNS | lx.BACK_NOUNS)):
        # a long subject read from its end ("A man who set fire to a block of flats"), or one that
        # only describes ("the owner of the brand"): the asker is better found elsewhere
        waiting = None
    return _told(sentence, i, Meaning.DEFER, "learn whether", start, question, beneficiary=waiting)


# by the lemma (or word) that opens them, tried in this order before the word's own meaning; the
# first that finds an event wins
_CONSTRUCTIONS = {
    **dict.fromkeys(("short", "rather", "instead", "half", "fewer", "less", "much", "many", "far", "high"),
                    (_short_of_asked,)),
    "hold": (_on_hold,),
    "ice": (_on_hold,),
    **dict.fromkeys(_SIGN_FORMS, (_signed_into_law,)),
    **dict.fromkeys(_FIND_FORMS, (_found_in_favour, _learns_whether)),
    **dict.fromkeys(("learn", "know", "hear"), (_learns_whether,)),
    **dict.fromkeys(_REFER_FORMS, (_referred_on,)),
    "under": (_under_review,),
    **dict.fromkeys(("end", "ends", "ended", "ending"), (_ended_in,)),
    "say": (_said_yes_no,),
    "successful": (_outcome_adjective,),
    "unsuccessful": (_outcome_adjective,),
    "no": (_no_refusal,),
    "table": (_voted_to_table, _headline_tabled),
    "push": (_pushed_back,),
    "agenda": (_off_the_agenda,),
    "now": (_can_now_after,),
    **dict.fromkeys(_NEED_WORDS, (_needs_time,)),
    "tell": (_told_it_cannot,),
    **dict.fromkeys(("make", "makes", "made", "making"), (_mind_not_made_up,)),
}


_TOLD_SUBJECTS = frozenset("it he she they that we".split())
_CANNOT = (("cannot",), ("can't",), ("could", "not"), ("couldn't",), ("must", "not"), ("mustn't",),
           ("will", "not", "be", "allowed"), ("would", "not", "be", "allowed"), ("won't", "be", "allowed"),
           ("wouldn't", "be", "allowed"), ("is", "not", "allowed"), ("was", "not", "allowed"))


# what "there will be no ..." refuses when someone had asked for it
_WITHHELD = frozenset("""inquiry inquiries investigation referendum review extension exemption reprieve
compensation refund bail licence license permit visa asylum injunction pardon""".split())


def _there_will_be_no(sentence: Sentence, i: int) -> Event | None:
    """ "There will be no public inquiry (, the government said)", "there is to be no referendum", a
    headline's "No inquiry into ...": a refusal told without a verb of refusing."""
    toks = sentence.tokens
    before = [t.lower for t in toks[max(0, i - 4) : i]]
    opens_headline = sentence.headline and i == 0
    told = "there" in before and bool(set(before) & {"will", "is", "be", "would", "'ll"})
    if not (opens_headline or told) or any(w in lx.NEGATORS or w == "if" for w in before):
        return None
    theme = object_right(sentence, i + 1)
    if theme is None or _first_noun(theme) not in _WITHHELD:
        return None
    return _told(sentence, i, Meaning.REFUSE, "no", max(0, i - 3), i + 1, theme=theme, strong=False)


def _negated_subject(toks, actor: Phrase | None) -> bool:
    """ "Neither X nor Y", "nobody", "no one", "no minister" — but not "No 10" or "no fewer than 40"."""
    if actor is None:
        return False
    if any(t.lower in ("neither", "nor") for t in toks[max(0, actor.start - 2) : actor.start]):
        return True
    first = toks[actor.start].lower
    nxt = toks[actor.start + 1] if actor.start + 1 < len(toks) else None
    if first == "nobody" or (first == "no" and nxt is not None and nxt.lower == "one"):
        return True
    return first == "no" and nxt is not None and nxt.word and not nxt.text[:1].isdigit() \
        and nxt.lower not in ("fewer", "less", "more", "longer")


_OUTCOME_ADJECTIVES = {"successful": Meaning.GRANT, "unsuccessful": Meaning.REFUSE}


def _request_outcome(sentence: Sentence, i: int) -> Event | None:
    """ "their bid for <a sum> has been unsuccessful", "the application was successful": a request's
    fate told by an adjective."""
    toks = sentence.tokens
    k = i - 1
    while k >= 0 and (toks[k].lower in lx.ADVERBS or toks[k].lower in ("not", "only", "partly", "partially")):
        k -= 1
    if k < 0 or toks[k].lower not in lx.BE | {"proved", "proves", "prove"}:
        return None
    verb_start = _group_start(toks, k)
    theme = passive_subject(sentence, verb_start)
    if theme is None or bare(head_word(theme)) not in lx.REQUEST_NOUNS:
        return None
    if any(t.lower in ("if", "whether", "unless", "when", "once") for t in toks[max(0, theme.start - 3) : theme.start + 1]) \
            or any(t.lower in lx.HYPOTHETICAL or t.lower in lx.FUTURE for t in toks[verb_start:i]):
        return None  # "if the bid is successful", "whether the appeal will be successful": not told yet
    if i + 2 < len(toks) and toks[i + 1].text == "," and toks[i + 2].lower in ("raising", "raised", "bringing"):
        return None  # "the Christmas appeal was successful, raising £10,000": a fundraising appeal
    negated = any(t.lower in lx.NEGATORS for t in toks[verb_start:i])
    partly = any(t.lower in ("partly", "partially") for t in toks[verb_start:i])
    return _told(sentence, i, _OUTCOME_ADJECTIVES[toks[i].lower], toks[i].lower, verb_start, i + 1, theme=theme,
                 beneficiary=owner_in(sentence, theme), voice=Voice.PASSIVE, partial=partly,
                 polarity=Polarity.NEGATED if negated else Polarity.AFFIRMED)


def _told(sentence: Sentence, i: int, meaning: Meaning, lemma: str, verb_start: int, verb_end: int,
          **arguments) -> Event:
    """A decision stated as a fact at token i, its verb group [verb_start, verb_end), found by a
    construction of its own ("there will be no", "can go ahead", "was unsuccessful")."""
    kind = EventKind.DEFERRAL if meaning is Meaning.DEFER else EventKind.DECISION
    return Event(kind=kind, meaning=meaning, lemma=lemma, sentence=sentence.index, index=i,
                 attribution=attribution_of(sentence, i), verb_start=verb_start,
                 verb_text=sentence.span(verb_start, verb_end), **arguments)


def _first_noun(phrase: Phrase) -> str:
    """The first word of a phrase that is no adjective-like modifier: "public inquiry" → "inquiry"."""
    words = [w.strip(".,;:'\"“”’").lower() for w in phrase.text.split()[:4]]
    for w in words:
        if w in _WITHHELD or w in NAME_STOPS:
            return w
    return words[-1] if words else ""


# review verbs whose past still holds: "reserved judgement", "has waited two years for a decision"
_STATE_VERBS = frozenset(["reserve", "wait"])
# what extending puts off rather than grants: "extended its review", "extended the deadline"
_PROCESSES = frozenset("review reviews deadline deadlines consultation investigation inquiry probe timetable".split())
# what a jury believes or not: a party's account of events
_ACCOUNTS = frozenset("account version story explanation defence defense evidence".split())


def _claim_for(toks, theme: Phrase) -> bool:
    """ "her claim for $5m in damages", "a claim of unfair dismissal": a claim that asks for something
    (not "his claim (that) he acted in self-defence", an account)."""
    return any(toks[k].lower in ("claim", "claims") and k + 1 < len(toks) and toks[k + 1].lower in ("for", "of", "against")
               for k in range(theme.start, theme.end))
_CHALLENGES = frozenset("appeal appeals appealing challenge challenging contest contesting".split())


def _completed(toks, verb_start: int, i: int) -> bool:
    """A past verb that is no longer going on: "reviewed", "has/had examined" — not "is
    considering", "was still studying", "has been reviewing"."""
    word = toks[i].lower
    if word.endswith("ing"):
        return False
    group = {t.lower for t in toks[verb_start:i]}
    if group & (lx.BE | lx.FUTURE | {"to", "still", "yet"}):
        return False  # a passive ("is being reviewed", "was referred to be examined") or a plan
    return lx.is_participle(word) or word.endswith("ed")


def _time_to_decide(sentence: Sentence, event: Event, after: int) -> bool:
    """More time needed by a deciding body, or to decide or look into something ("needed more time
    to study the bid"); not "residents needed more time to respond"."""
    toks = sentence.tokens
    if event.actor is not None and event.actor.authority:
        return True
    if after + 1 < len(toks) and toks[after].lower == "to":
        entry = lx.lookup(toks[after + 1].lower)
        return entry is not None and (entry.lemma in lx.REVIEW_VERBS or entry.lemma in lx.DECIDE_VERBS) \
            or toks[after + 1].lower in ("scrutinise", "scrutinize", "look")
    return False


def _applied_to_body(toks, i: int) -> bool:
    """ "applied to the council", "applied to Ofcom", "applied to join": "to" before a body or a verb."""
    for k in range(i + 1, min(len(toks) - 1, i + 11)):
        if toks[k].lower == "to":
            nxt = toks[k + 1]
            words = {t.lower for t in toks[k + 1 : k + 5]}
            if nxt.lower in lx.DETERMINERS or nxt.lower in lx.PRONOUNS:
                return bool(words & lx.AUTHORITY_HEADS)  # "to the council", not "to the facts of the case"
            return nxt.word  # "to Ofcom", "to dig a further 20 hectares": a body, or what it asks to do
    return False


def _voter(toks, i: int) -> int:
    """Where the verb group of a vote already taken, "voted (5-2 on Tuesday) to <verb>", starts; or -1."""
    if i == 0 or toks[i - 1].lower != "to":
        return -1
    for k in range(i - 2, max(-1, i - 8), -1):
        if toks[k].lower == "voted":
            return _group_start(toks, k)
        if toks[k].lower in lx.NEGATORS or (not toks[k].word and toks[k].text not in ("-", "–")):
            return -1
    return -1


def _told_cannot(toks, i: int) -> int | None:
    """A passive "told" then "(that) it cannot / will not be allowed": where the refused thing starts."""
    if i == 0 or toks[i - 1].lower not in lx.BE or toks[i].lower != "told":
        return None
    k = i + 1
    if k < len(toks) and toks[k].lower == "that":
        k += 1
    if k >= len(toks) or toks[k].lower not in _TOLD_SUBJECTS - {"that"}:
        return None
    k += 1
    for words in _CANNOT:
        if tuple(t.lower for t in toks[k : k + len(words)]) == words:
            return k + len(words)
    return None


# words after which a headline's noun-like verb is still a noun ("Tax cut plan", "Ban on smoking")
_HEADLINE_NOT_SUBJECT = frozenset("""of for to on in at with from by over against about into tax pay job price
fare rate budget spending""".split())


def _next(toks, i: int) -> str:
    return toks[i + 1].lower if i + 1 < len(toks) else ""


_PARTICLE_AFTER_BACK = frozenset("to in into on from off home".split())
# verbs whose "back" is a particle of movement or retreat, in all their forms: "steps back", "hit back"
_BACK_AS_PARTICLE = frozenset("""step steps stepped stepping come comes came coming go goes went going fight fights
fought fighting hit hits hitting pull pulls pulled pulling hold holds held holding sit sits sat sitting stand
stands stood standing look looks looked looking fall falls fell falling bounce bounces bounced bouncing claw claws
clawed clawing draw draws drew drawing drawn roll rolls rolled rolling turn turns turned turning way""".split())
_NOUN_GERUNDS = frozenset(["license", "licence"])
_HOW_OPENERS = frozenset("of into on about over at".split())  # "a review of how", "questions about how"
_HOW_REACH = 8  # tokens back from the verb to "how"


def _in_a_how_clause(toks, i: int) -> bool:
    """The verb at i is in a clause that opens on "how" after a preposition ("a review of how
    vacation rentals are licensed"): a manner or a process, told as a topic."""
    for k in range(i - 1, max(0, i - _HOW_REACH) - 1, -1):
        if toks[k].lower == "how":
            return k >= 1 and toks[k - 1].lower in _HOW_OPENERS
        if not toks[k].word or toks[k].lower in lx.CLAUSE_BREAKS:
            return False
    return False


def _asked_for_just_before(toks, i: int) -> bool:
    """An asking verb right before the word, or before one word more: "seek review", "seeks
    independent review", "demanded delay" — the word is the noun asked for."""
    for k in (i - 1, i - 2):
        if k < 0 or not toks[k].word or toks[k].cap:
            return False
        entry = lx.lookup(toks[k].lower)
        if entry is not None and entry.kind == "ask" and toks[k].lower not in lx.REQUEST_NOUNS:
            return True
        if entry is not None or toks[k].lower in lx.DETERMINERS | lx.PRONOUNS | lx.AUX:
            return False  # another verb, or a determiner: its own phrase
    return False


def _is_verb(sentence: Sentence, i: int, lemma: str) -> bool:
    toks = sentence.tokens
    word = toks[i].lower
    if _part_of_a_name(sentence, i):
        return False  # "shares in Dalby & Grant", "said Grant Hollis": a name, not a grant
    prev = toks[i - 1].lower if i > 0 else ""
    if prev in lx.DETERMINERS and prev not in ("that", "this", "these", "those"):
        return False  # "the ruling", "a rejected plan", "its appeal"
    if prev.endswith(("'s", "’s")) and prev not in ("it's", "he's", "she's", "that's", "what's"):
        return False  # "Ukraine's request"
    if sentence.headline and i == 0 and lx.is_participle(word) and i + 1 < len(toks) and toks[i + 1].word \
            and toks[i + 1].lower not in _PAIR_OPENERS | lx.DETERMINERS | {"by", "to", "as", "over", "after"}:
        return False  # a headline's "Barred teacher can return", "Jailed man wins appeal": who, not what was done
    if prev in _KIND_QUANTIFIERS and lx.is_participle(word) and i + 1 < len(toks) and toks[i + 1].word \
            and not toks[i + 1].cap and toks[i + 1].lower not in _PAIR_OPENERS | lx.DETERMINERS | {"by", "to"}:
        return False  # "a disease with no approved treatment", "every licensed venue": a kind of thing
    if prev in ("'", "’") and i > 1 and _plural_possessive(toks, i - 1, before_noun=True):
        return False  # "the Breweries' agreed takeover", "the unions' rejected offer"
    if word in ("licenses", "licences") and i > 0 and toks[i - 1].word and not toks[i - 1].cap \
            and prev not in lx.AUX | lx.PRONOUNS | lx.ADVERBS | lx.AUTHORITY_HEADS and prev not in ("and", "or", "not") \
            and lx.lookup(prev) is None:
        return False  # "to lose rural spectrum licenses", "liquor licences": the noun after a noun
    if word == "back" and i + 1 < len(toks) and toks[i + 1].lower in _PARTICLE_AFTER_BACK:
        return False  # "sent the drug back to the lab", "is back in talks": a particle, no backing
    if word == "back" and prev in _BACK_AS_PARTICLE:
        return False  # "a board member steps back", "the club hit back": a movement, no backing
    if word == "back" and _returned(toks, i):
        return False  # "get their man back", "wants its money back": a return, no backing
    if _in_a_how_clause(toks, i):
        return False  # "a review of how rentals are licensed": the way things are done, no decision
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if (lemma, word) in _NOUN_FORMS and _grant_the_noun(toks, i, prev, nxt):
        return False
    if lemma in lx.NOUNISH and word in (lemma, lemma + "s", lemma + "es"):
        if prev in lx.BE:
            # "are back", "is clear" are adjectives; "was cut", "has been put off" are passives
            return lx.is_participle(word)
        if prev in _VERB_CONTEXT or prev == "to":
            return True
        if lx.is_participle(word) and _causative_have(sentence, i) is not None:
            return True  # "has had his ban cut": the participle of a causative
        if _asked_for_just_before(toks, i):
            return False  # "patients seek (independent) review", "demands delay": what is asked for
        if sentence.headline and i > 0 and toks[i - 1].word and prev not in _HEADLINE_NOT_SUBJECT \
                and not _inflected_verb_before(toks, i) and not _participle_after(toks, i):
            # headlines are noun-verb-noun: "Watchdog clears merger", "Striker's ban cut on appeal"
            # — one verb: in "Seoul declines Ukrainian request", "request" is its object
            return True
        # a name before it: "Brussels backs the plan"
        return bool(i > 0 and toks[i - 1].cap and nxt in lx.DETERMINERS | {"plan", "plans", "bid", "call"}
                    and toks[i - 1].lower not in lx.DETERMINERS)
    if word.endswith("ing") and prev in ("of", "for", "without", "by", "after", "before"):
        return False  # "the cost of rejecting", gerunds that narrate no event
    if prev in ("and", "or") and lx.is_participle(word) and _adjective_in_pair(toks, i):
        return False  # "his parents and extended family": one determiner, two nouns, an adjective between
    if word == "order" and (prev in {"interim", "final", "gagging"} or (prev in lx.AUTHORITY_HEADS and not prev.endswith("s"))):
        return False  # "a court order", "an interim order": the noun ("the court orders" is the verb)
    if word == "granted" and prev == "for":
        return False  # "took its voters for granted"
    if word == "letting" and nxt not in lx.DETERMINERS | lx.PRONOUNS and not (i + 1 < len(toks) and toks[i + 1].cap):
        return False  # "letting fees", "letting agents": the renting of homes, not a permission
    if lemma == "refuse" and word == "refuse" and nxt in _REFUSE_AS_RUBBISH:
        return False  # "refuse collection", "refuse bins": rubbish, not a refusal
    if lemma == "plead" and nxt in ("guilty", "innocent", "not", "no"):
        return False  # "pleaded guilty to wounding": a plea to a charge, not a request
    if word.endswith("ing") and lemma in _NOUN_GERUNDS:
        return False  # "the licensing panel", "a licensing officer": the activity, not a grant
    if word.endswith("ing") and prev in _CONTENT_NOUNS:
        return False  # "an order stopping the sale", "a law banning it": what a request or ruling says
    return True


# a case the state brings, whose timetable no party asked for: "the inquest was opened and adjourned"
_HEARD_CASES = frozenset("inquest inquests trial trials".split())
# before a participle that names a kind of thing: "no approved treatment", "every licensed venue"
_KIND_QUANTIFIERS = frozenset("no every such".split())  # ("each voted", "other approved" stay verbs)
_GRANTED_MONEY = frozenset("funding money scheme aid cash program programme programs programmes fund".split())


_RETURNING = frozenset("get want give bring take win send pay hand".split())
_RETURN_REACH = 4  # tokens between the verb and its "back": "get their star striker back"


def _returned(toks, i: int) -> bool:
    """ "back" ends an object after a verb of getting or giving: "get their man back"."""
    if i + 1 < len(toks) and toks[i + 1].word and toks[i + 1].lower not in ("for", "in", "on", "after", "from", "to"):
        return False  # "back the plan": the verb with its own object
    for k in range(i - 2, max(-1, i - 2 - _RETURN_REACH), -1):
        if lx.lemma(toks[k].lower) in _RETURNING:
            return True
        if not toks[k].word or toks[k].lower in lx.CLAUSE_BREAKS:
            return False
    return False


# verbs of granting whose bare forms are also nouns: the money given, or the paper that permits
_NOUN_FORMS = frozenset([("grant", "grant"), ("grant", "grants"), ("permit", "permit"), ("permit", "permits")])


def _grant_the_noun(toks, i: int, prev: str, nxt: str) -> bool:
    """ "a £500,000 grant", "a lottery grant" (money given); "wait on grant decision", "a grant
    application" (modifying another noun); "whose housing grant was delayed" (a subject); the same
    for "permit" ("Pump station permit kicked to March")."""
    if prev[:1].isdigit() or prev[:1] in "£$€" or prev in ("million", "billion", "bn", "lottery", "a"):
        return True
    for k in (i - 1, i - 2):  # "to win (government) grants", "secured grants": money won, the noun
        entry = lx.lookup(toks[k].lower) if k >= 0 else None
        if entry is not None and entry.kind == "win" and not toks[k].cap:
            return True
        if k < 0 or entry is not None or not toks[k].word:
            break
    if nxt in lx.DECISION_NOUNS or nxt in lx.REQUEST_NOUNS or nxt in _GRANTED_MONEY:
        return True
    if prev in lx.PREPOSITIONS and prev != "to":
        return True  # "will rely on grants and fundraising", "applied for grants": the money
    if toks[i].lower in ("grant", "permit") and prev.isalpha() and not prev.endswith(("s", "ly")) and i > 0 and not toks[i - 1].cap \
            and prev not in lx.AUX | lx.PRONOUNS | lx.ADVERBS | lx.DETERMINERS | lx.AUTHORITY_HEADS and prev not in ("to", "and", "or", "not", "well", "only", "even", "never", "always"):
        return True  # "the federal transit grant formula": after a singular noun or an adjective the bare form is a noun
    if nxt in _RATE_NOUNS and prev not in lx.AUX | lx.PRONOUNS | {"and", "or", "not"}:
        return True  # "grant rates", "the grant rate": how often grants are made (not "to grant rate cuts")
    return nxt in lx.BE | lx.HAVE and prev.isalpha() and not toks[i - 1].cap \
        and prev not in lx.AUX | lx.PRONOUNS | lx.ADVERBS and prev not in ("and", "or", "not")


# those whose advice a body may overrule, in either direction
_ADVISERS = frozenset("""officers officer planners planner advisers adviser advisors advisor experts staff
recommendation recommendations advice""".split())
# what a firm or a person loses in the ordinary run of things, not by a decision
_LOST_IN_TRADE = frozenset("""money cash millions billions jobs staff customers members sales ground share
market weight sleep interest patience momentum""".split())
_RATE_NOUNS = frozenset("rate rates ratio figures statistics totals percentage share".split())
_REFUSE_AS_RUBBISH = frozenset("""collection collections collectors collector bins bin sacks sack tip tips lorry lorries
workers disposal site sites""".split())


def _part_of_a_name(sentence: Sentence, i: int) -> bool:
    """A capitalised word inside a sentence, next to another capitalised word or an ampersand, is
    part of a name. Not in a headline or a title-cased line, where every word is capitalised, nor
    where a sentence or a quotation opens."""
    toks = sentence.tokens
    if sentence.headline or i == 0 or not toks[i].cap or toks[i].text.isupper() \
            or not (toks[i - 1].word or toks[i - 1].text in ("&", ",")):
        return False  # (after a quotation mark or a colon, a capital opens what is quoted)
    if all(t.cap for t in toks if t.word and len(t.text) > 3 and t.text.isalpha()):
        return False  # a title-cased line: "Judge Denies Motion to Dismiss Suit" (short words may stay small)
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return toks[i - 1].text == "&" or toks[i - 1].cap or (nxt is not None and nxt.word and nxt.cap)


_PAIR_OPENERS = frozenset("with of for to from by in on at among between".split())


def _adjective_in_pair(toks, i: int) -> bool:
    """ "(lives) with his parents and extended family": a participle between two nouns that share a
    determiner after a preposition; "reviewed the plan and approved it" coordinates two verbs."""
    if i < 3 or i + 1 >= len(toks) or toks[i - 3].lower not in lx.DETERMINERS or not toks[i - 2].word:
        return False
    nxt = toks[i + 1]
    if not nxt.word or nxt.cap or nxt.lower in lx.DETERMINERS | lx.PRONOUNS or nxt.lower.endswith(("'s", "’s")) \
            or lx.lookup(nxt.lower):
        return False
    before = toks[i - 4] if i >= 4 else None
    return before is None or not before.word or before.lower in _PAIR_OPENERS


_STAGES = frozenset("hurdle hurdles stage stages step steps round hoop".split())
_EARLY = frozenset("first initial early preliminary opening".split())


def _an_early_stage(toks, theme: Phrase) -> bool:
    """ "(cleared) the first hurdle", "an initial stage": one step of several, the decision still to come."""
    words = [t.lower for t in toks[theme.start : min(theme.end, theme.start + 4)]]
    return any(w in _STAGES for w in words) and any(w in _EARLY for w in words)


def _cleared_over(toks, theme: Phrase) -> bool:
    """ "cleared X over / of a complaint, allegations, claims": what X was accused of is refused."""
    if {t.lower for t in toks[theme.start : theme.start + 3]} & (lx.REQUEST_NOUNS | _PERMITTED):
        return False  # "clears the merger over complaints": the merger, the request, is cleared
    for k in range(theme.start + 1, min(theme.end, len(toks)) - 1):
        if toks[k].lower in ("over", "of"):
            near = {t.lower.strip(".,'’") for t in toks[k + 1 : k + 6]}
            if near & {"complaint", "complaints", "allegations", "allegation", "claims", "claim", "charges", "charge"}:
                return True
    return False


def _participle_after(toks, i: int) -> bool:
    """A headline's passive verb right after a noun phrase: "parking permit scheme rejected" — the
    noun-like bare word before it is part of its subject (an -s form, "Council backs ...", is a verb)."""
    if toks[i].lower.endswith("s") or i == 0 or toks[i - 1].cap or not toks[i - 1].word:
        return False
    for k in range(i + 1, min(len(toks), i + 4)):
        w = toks[k].lower
        if not toks[k].word:
            return False
        entry = lx.lookup(w)
        if entry is not None and w != entry.lemma and lx.is_participle(w) and entry.kind != "attrib":
            return True
    return False


def _inflected_verb_before(toks, i: int) -> bool:
    """An inflected lexicon verb ("declines", "rejected") earlier in the clause."""
    for k in range(i - 1, -1, -1):
        w = toks[k].lower
        if not toks[k].word:
            return False
        entry = lx.lookup(w)
        if entry is not None and w != entry.lemma and w not in lx.REQUEST_NOUNS and entry.kind != "attrib" \
                and not toks[k].cap:
            return True
    return False


def _verb_event(sentence: Sentence, i: int, entry: lx.Entry, after: int | None = None) -> Event | None:
    toks = sentence.tokens
    n = len(toks)
    meaning = entry.meaning
    strong = entry.strong
    after = i + 1 if after is None else after
    if entry.kind == "phrasal":
        meaning, strong, after = _phrasal(sentence, i, entry.lemma)
        if meaning is None:
            return None
    if entry.lemma == "let" and any(t.lower in ("down", "off", "slip", "go") for t in toks[i + 1 : i + 4]):
        return None  # "let them down", "let off", "let slip": no permission given
    if entry.lemma == "back" and i + 1 < n and toks[i + 1].lower == "up":
        return None  # "buses backed up to the bridge", "backed up by evidence": no backing given
    reading = polarity_of(sentence, i, lx.is_participle(toks[i].lower))
    if (entry.kind == "decide" or meaning is Meaning.DEFER) and reading.modality is Modality.HYPOTHETICAL \
            and _still_to_come(toks, reading.verb_start, i, entry.lemma):
        # "must wait", "would take three more months to decide": certain, not merely possible
        reading = replace(reading, modality=Modality.EXPECTED)
    if entry.lemma == "succeed" and reading.modality is Modality.EXPECTED and _next(toks, i) == "on" \
            and any(t.lower in ("likely", "unlikely") for t in toks[reading.verb_start : i]):
        # "found the vendors were likely to succeed on their claim": the legal test of the merits, no forecast
        reading = replace(reading, modality=Modality.HYPOTHETICAL)
    if entry.lemma == "go" and meaning is Meaning.GRANT:
        return _may_go_ahead(sentence, i, after, reading)
    if meaning in (Meaning.GRANT, Meaning.REFUSE) and reading.modality is Modality.EXPECTED \
            and reading.voice is Voice.PASSIVE and reading.polarity is Polarity.AFFIRMED \
            and [t.lower for t in toks[reading.verb_start : reading.verb_start + 2]] == ["will", "now"]:
        reading = replace(reading, modality=Modality.FACT)  # "will now be allowed to open": the outcome of a decision
    split_object = None
    if entry.kind == "decide" and (entry.lemma, toks[i + 1].lower if i + 1 < n else "") in lx.PHRASAL:
        meaning, strong = lx.PHRASAL[(entry.lemma, toks[i + 1].lower)]
        after = i + 2
        entry = lx.Entry(entry.lemma, meaning, strong)  # "rule out", "vote down": an outcome, not a plan
    elif entry.kind == "decide" and (split := _split_particle(toks, i, entry.lemma)) is not None:
        meaning, strong = lx.PHRASAL[(entry.lemma, toks[split].lower)]
        entry = lx.Entry(entry.lemma, meaning, strong)  # "voted the plans down", "ruled it out"
        after, split_object = split + 1, make_phrase(sentence, i + 1, split)
    if entry.lemma == "accept" and reading.voice is Voice.ACTIVE and _a_sanction(object_right(sentence, i + 1)):
        return None  # "the flanker accepted a two-week ban": the sanctioned submits; nobody decides here
    two_way_ruling = False
    if entry.kind == "decide":
        meaning = None
        nxt = toks[i + 1].lower if i + 1 < n else ""
        if entry.lemma == "vote" and toks[i].lower == "voting" and not (i > 0 and toks[i - 1].lower in lx.BE):
            return None  # "also voting in favour were ...": how members voted, not the body's decision
        if entry.lemma == "vote" and reading.verb_start >= 3 and toks[reading.verb_start - 1].lower == "who" \
                and toks[reading.verb_start - 2].text == "," and toks[reading.verb_start - 3].lower not in lx.AUTHORITY_HEADS:
            return None  # "Councillor Ainsworth, who voted in favour, said": one member's vote described
        if entry.lemma == "vote" and _named_members_vote(toks, reading.verb_start):
            return None  # "Gilley, Councilman Orsini and Councilwoman Kowal voted against": how members voted
        if entry.lemma == "decide" and _whether_to_ask(toks, i + 1):
            return None  # "had not decided whether to appeal": a side weighing its own next step
        if entry.lemma == "hear" and (nxt in ("about", "of") or (
                nxt == "from" and i + 2 < n and toks[i + 2].lower in _HEARD_FROM)):
            return None  # "teachers will never hear from us", "heard about the plan": news, no hearing
        if entry.lemma == "hear" and _first_or_last_cases(toks, i + 1):
            return None  # "the court will hear its last case in May": a court's calendar, no request heard
        if nxt == "in" and (k := _in_favour(toks, i + 1)) > 0:
            meaning, strong, after = Meaning.GRANT, False, k
        elif entry.lemma in ("vote", "rule") and (side := _side_after(toks, i + 1)) is not None:
            meaning, strong, after = side[0], entry.lemma == "vote", side[1]
        elif entry.lemma in ("rule", "judge", "determine") and reading.modality is Modality.FACT \
                and reading.polarity is Polarity.AFFIRMED and (found := _ruled_unlawful(toks, i + 1)) is not None:
            meaning, strong, after = found[0], True, found[1]
            two_way_ruling = True
        elif entry.lemma == "hear" and reading.polarity is Polarity.NEGATED and reading.modality is Modality.FACT \
                and i >= 2 and toks[i - 1].lower == "to" and lx.lemma(toks[i - 2].lower) in ("decline", "refuse") \
                and word_set(object_right(sentence, i + 1)) & lx.REQUEST_NOUNS:
            # "the Supreme Court declined to hear the town's petition": the case turned away
            meaning, strong = Meaning.REFUSE, True
            reading = replace(reading, polarity=Polarity.AFFIRMED)
        elif entry.lemma == "hear" and reading.polarity is Polarity.NEGATED and reading.modality is Modality.EXPECTED \
                and _hears_a_case(sentence, reading.verb_start, i, participle=reading.voice is Voice.PASSIVE):
            # "the suit won't be heard in court", "the court will not hear the appeal": turned away,
            # not put off (but "will not be heard until May" is a date)
            meaning, strong = Meaning.REFUSE, False
            reading = replace(reading, polarity=Polarity.AFFIRMED, modality=Modality.FACT)
        elif reading.modality is Modality.EXPECTED or (nxt == "on" and reading.modality is not Modality.FACT):
            meaning = Meaning.DEFER
        elif reading.polarity is Polarity.NEGATED and reading.modality is Modality.FACT and entry.lemma != "vote":
            # "has not yet decided", "the court did not rule on it": no decision yet
            meaning = Meaning.DEFER
            reading = replace(reading, polarity=Polarity.AFFIRMED)
        if meaning is None:
            return None
    if entry.kind == "ask":
        need = _ASK_NEEDS.get(entry.lemma)
        if need is not None:
            # what is wanted follows at once; one applies "(under the Act / last month) for" something
            span = 1 if entry.lemma == "want" else 10 if entry.lemma == "apply" else 3
            window = {t.lower[:1] if t.lower[:1] in "£$€" else t.lower for t in toks[i + 1 : i + 1 + span]}
            if not need or not (window & need):
                return None
            if entry.lemma == "apply" and "for" not in window and not _applied_to_body(toks, i):
                return None  # "applied the law to the facts": using a rule, not asking
        if entry.lemma == "ask" and _asks_a_question(toks, i):
            return None  # "asked about the bins", "asked whether he would resign": a question
        if entry.lemma in ("ask", "urge", "want") and i + 1 < n and toks[i + 1].lower in ("our", "my"):
            return None  # "we asked our defence to get a stop": a word to one's own people, no request
        if entry.lemma in ("ask", "urge", "appeal") and _asks_the_public(toks, i):
            return None  # "asked the people of the town to help", "anyone with information is asked to call"
        if i + 1 < n and toks[i + 1].lower == "to" and entry.lemma in ("bid", "seek", "try", "attempt"):
            pass  # "seeks to buy": the infinitive is the request
        if entry.lemma == "ask" and i + 2 < n and toks[i + 1].lower == "too" \
                and toks[i + 2].lower in ("much", "little", "high", "low"):
            return None  # "vendors who asked too much": a price
        if entry.lemma == "appeal" and _appeals_to_taste(toks, i):
            return None  # "the phone will appeal to people who live on email": it attracts
        if entry.lemma == "demand" and toks[i].lower == "demanding" and i + 1 < n \
                and toks[i + 1].lower in ("but", "and", ",", ".", "of", "yet"):
            return None  # "a judge who was demanding but fair": an adjective
        if entry.lemma == "challenge" and _challenges_a_person(sentence, i):
            return None  # "expected to challenge Whitmore next year": a contest for office
    # -- arguments ----------------------------------------------------------------------
    if reading.voice is Voice.PASSIVE:
        theme = passive_subject(sentence, reading.verb_start)
        agent, by_at = agent_after(sentence, after)
        actor = agent
        # "X was refused a visa", "X was awarded £40,000 by a tribunal": a second object, maybe before the agent
        rest = object_right(sentence, after) if by_at < 0 else (make_phrase(sentence, after, by_at) if by_at > after else None)
        beneficiary = None
        if rest is not None and theme is not None and rest.text.split()[0].lower() not in _NOT_SECOND_OBJECT \
                and not (entry.kind == "phrasal" and meaning is Meaning.DEFER) \
                and not (len(rest.text.split()) > 1 and rest.text.split()[1].lower() == "times"):  # "refused three times"
            # "X was refused a visa": X is who asked, the visa what was asked (after "was kicked to",
            # "March" is when, not a second object)
            beneficiary, theme = theme, rest
    elif (have := _causative_have(sentence, i)) is not None:
        # "X has had its ban overturned by Y": what was acted on sits between "had" and the
        # participle, Y decides, and X is who it happened to
        theme = make_phrase(sentence, have + 1, i)
        actor, _ = agent_after(sentence, after)
        beneficiary = subject_left(sentence, _group_start(sentence.tokens, have))  # "has (now) had"
        reading = replace(reading, voice=Voice.PASSIVE)
    else:
        actor = subject_left(sentence, reading.verb_start)
        actor = _writer_of_letter(sentence, i, actor) or actor
        actor = _who_takes_time(sentence, actor) or actor
        theme = object_right(sentence, after)
        if entry.kind == "phrasal" and after > i + 2 and toks[i + 1].word:
            # "set the suspension aside", "turned the offer down": the object before the particle
            theme = make_phrase(sentence, i + 1, after - 1) or theme
        theme = split_object or theme  # "voted the plans down": the object before the particle
        beneficiary = None
    if reading.voice is Voice.ACTIVE and reading.polarity is Polarity.AFFIRMED and _negated_subject(toks, actor):
        # "neither the police nor the council had opposed it", "no minister backed it": the subject negates
        reading = replace(reading, polarity=Polarity.NEGATED)
    if entry.kind == "phrasal" and meaning is Meaning.DEFER and reading.voice is Voice.ACTIVE and theme is None \
            and toks[after - 1].lower in ("off", "back") \
            and (after >= n or not toks[after].word or toks[after].lower in lx.CLAUSE_BREAKS):
        # "decisions the current board has put off": the object stands before, in a clause that
        # describes it — no one request is put off here
        return None
    if entry.kind == "phrasal" and meaning is Meaning.DEFER and after > 0 and toks[after - 1].lower == "before":
        # "the plan will be put before the board", "goes before the committee": the body after
        # "before" decides; what goes before it is the request
        body = object_right(sentence, after)
        if body is not None and body.authority:
            # passive: "was put before" moved its subject into beneficiary (see "was refused a visa")
            held = (beneficiary or theme) if reading.voice is Voice.PASSIVE else (actor or theme)
            actor, theme, beneficiary = body, held, None
    if entry.lemma in _WAIT_VERBS and reading.voice is Voice.ACTIVE and theme is not None \
            and word_set(theme) & (lx.DECISION_NOUNS | lx.GRANT_NOUNS):
        # "X is awaiting approval from Y", "X waits for a ruling by Y": who waits for a decision
        # is the side that asked; the decider is the one it comes from
        waiter = actor if actor is not None and (
            actor.named or actor.authority or actor.text.lower().split()[-1] in lx.PARTY_NOUNS) else None
        beneficiary, actor = waiter, _giver_in(sentence, theme)
    if theme is not None and meaning is not Meaning.ASK:
        beneficiary = beneficiary or owner_in(sentence, theme, pronouns=True) or _granted_to(sentence, theme) \
            or _penalised(sentence, theme)
    # -- meanings that depend on the object ----------------------------------------------
    theme_words = word_set(theme)
    if (theme is not None and _in_play(sentence.tokens, theme.start, theme.end)) or any(
            t.lower in _CALLS for t in toks[max(0, i - 3) : i + 4]):
        return None  # "rejected their penalty appeals", "ruled out for offside": a call in a game
    asks = bool(theme_words & lx.REQUEST_NOUNS)
    if meaning is Meaning.ASK and theme is not None and _a_score(sentence.tokens, theme):
        return None  # "pressed for a winner", "pushed for an equaliser": play in a game, no request
    if meaning in (Meaning.GRANT, Meaning.REFUSE) and ((theme is not None and _a_score(sentence.tokens, theme))
                                                       or bare(head_word(actor)) in _MATCH_OFFICIALS):
        return None  # "were denied a late winner by the post", "the umpire turned down his appeal": play
    if entry.lemma == "accept" and bare(head_word(theme)) in _RECEIVED:
        return None  # "accepted an award", "accepts donations": taking what is given, no request decided
    if meaning is Meaning.GRANT and reading.voice is Voice.ACTIVE and reading.verb_start == i and actor is not None \
            and not (actor.authority or actor.named) and theme is not None and theme.start == i + 1 \
            and toks[i].lower.endswith("ed") and toks[theme.start].lower in _DESCRIBING_PREPS:
        # "with sales permitted from 10am", "the maximum allowed in Scotland": a participle describing a
        # noun. A clause's own subject is read so too ("The owners approved in March a plan" gives no
        # event): an honest miss, where "Sales permitted under the scheme rose" would be a wrong grant
        return None
    if meaning is Meaning.REFUSE and reading.voice is Voice.PASSIVE and bare(head_word(actor)) in _AUDIENCES:
        return None  # "the album was rejected by fans": a verdict of taste, no request decided
    if entry.lemma == "fall" and i + 1 < n and (toks[i + 1].lower in _MOVES or toks[i + 1].text[:1].isdigit()):
        return None  # "complaints fell slightly, to 187", "fell by 12%": a count that moved
    if entry.lemma == "appeal" and actor is not None and bare(head_word(actor)) in _FIELDERS:
        return None  # "the bowlers appealed for everything": a call to the umpire in play
    if entry.lemma == "renew" and (bare(head_word(theme)) in _ASKED_AGAIN
                                   or (theme is not None and _public_appeal_only(toks, theme))):
        return None  # "renewed their appeal (for witnesses)", "renewed calls for": asking again, not granting
    if meaning is Meaning.GRANT and _grants_time(sentence, theme):
        meaning, strong = Meaning.DEFER, False  # "granted extra time to decide": not decided yet
    if entry.lemma == "extend" and theme_words & _PROCESSES:
        meaning, strong = Meaning.DEFER, False  # "extended its review by three months": a decision put off
    if entry.lemma == "confirm" and (not _anothers_decision(sentence, theme) or _decision_to_act(sentence, theme)):
        return None  # "confirmed that", "confirmed the date", "confirmed the committee's decision to approve
        # 40 flats" (the approval is the decision, told by its own verb): no challenge fails
    if reading.voice is Voice.PASSIVE and theme is not None and theme.start + 1 < n and toks[theme.start].lower == "not" \
            and toks[theme.start + 1].lower in ("all", "every", "everything"):
        return None  # "Not all of its requests were turned down": a sum of several outcomes, told next
    if entry.lemma == "reaffirm" and bare(head_word(theme)) not in _STANDING | _LIFTABLE | _RULES:
        return None  # "reaffirmed its support for the bid", "reaffirmed that": a stance, no ruling kept
    if entry.lemma in _VOICED_SUPPORT and reading.voice is Voice.ACTIVE \
            and actor is not None and not actor.authority and bare(head_word(actor)) in _BYSTANDERS \
            and not any(t.lower in _VOTES_CAST for t in toks):
        return None  # "Residents back council's decision": an opinion of those it touches, no ruling
    if entry.lemma in lx.ENDORSING and theme is not None and _sides_with_a_party(sentence, theme):
        return None  # "Inspector backs council over barn homes": which side asked is told elsewhere
    refused_before = _a_refusal(sentence, theme)
    if refused_before and (entry.kind == "overturn" or entry.lemma == "overrule"):
        meaning = Meaning.GRANT  # "overturned (overruled) the decision to refuse him a work permit": the permit is won
    elif refused_before and meaning is Meaning.GRANT and entry.lemma in lx.ENDORSING:
        meaning = Meaning.REFUSE  # "a judge backed the council's refusal": the challenge to it fails
    elif meaning is Meaning.GRANT and entry.lemma in lx.ENDORSING and entry.kind != "uphold" \
            and _anothers_decision(sentence, theme) and not _decision_to_act(sentence, theme):
        meaning = Meaning.REFUSE  # "magistrates backed the council's decision": kept in force, as "upheld" keeps it
    elif meaning is Meaning.REFUSE and bare(head_word(theme)) in _AGAINST_A_REQUEST and not _objects_to_a_decision(toks, theme):
        # "rejected the state's objections to the motion": what is refused stood against a request,
        # so the request is granted (not "dismissed the firm's objection to the council's refusal")
        meaning = Meaning.GRANT
    elif entry.kind == "uphold" and theme_words & _STANDING and not theme_words & _UPHELD_ASKS:
        meaning = Meaning.REFUSE  # "upheld the headteacher's decision": the challenge to it fails
    elif entry.kind == "uphold" and theme is not None and any(
        t.lower.endswith(("'s", "’s")) for t in sentence.tokens[theme.start : theme.end]
    ):
        meaning = Meaning.GRANT  # "upheld X's position": the side whose position is upheld wins
        beneficiary = owner_in(sentence, theme) or beneficiary
    elif entry.kind == "uphold":
        meaning = Meaning.GRANT if theme_words & _UPHELD_ASKS else Meaning.REFUSE
    elif entry.kind == "overturn":
        if entry.lemma == "lift" and not theme_words & _LIFTABLE:
            return None
        meaning = Meaning.REFUSE if asks and not theme_words & _LIFTABLE else Meaning.GRANT
    elif entry.kind in ("win", "lose") and _a_measure(sentence, theme, actor):
        return None  # "his approval rating fell", "won a higher approval rating": a poll's measure, no request
    elif entry.lemma == "overrule" and theme is not None and (bare(head_word(theme)) in _ADVISERS
                                                               or bare(head_word(theme)) in lx.AUTHORITY_HEADS):
        # "inspector overrules council" (which had refused), "board overrules its own inspector"
        # (who had advised yes): which way the overruled side had gone is told elsewhere, if at all
        return None
    elif entry.lemma == "lose" and theme is not None and _LOST_IN_TRADE & {
            w.strip(".,;:").lower() for w in theme.text.split()[:3]}:
        return None  # "was losing money on every contract", "lost 200 jobs": trade, no request decided
    elif entry.kind in ("win", "lose") and (_a_general_count(sentence, theme) or _a_trend(actor)):
        # "developers have won a string of appeals", "more homeowners win appeals": a statistic,
        # no one request decided
        return None
    elif entry.kind in ("win", "lose"):
        if entry.lemma in ("fail", "fall", "collapse", "founder") and not (i + 1 < n and toks[i + 1].lower in ("to", "in")):
            # "X's bid to block Y fails": what failed is the whole subject, which may be long
            subject = passive_subject(sentence, reading.verb_start)
            if not word_set(subject) & lx.REQUEST_NOUNS:
                subject = _request_opening(sentence, reading.verb_start) or subject
            actor = subject or actor
        if entry.lemma == "fall" and i + 1 < n and toks[i + 1].lower == "away":
            return None  # "the application has fallen away": overtaken, not refused
        if entry.lemma in ("fall", "collapse", "founder"):
            subject_words = {w.lower() for w in actor.text.split()} if actor else set()
            if not subject_words & lx.REQUEST_NOUNS or (i + 1 < n and toks[i + 1].lower in ("to", "by", "into")
                                                       and not toks[i + 2 if i + 2 < n else i].lower[:1].isdigit()):
                return None
            beneficiary = owner_in(sentence, actor) if actor else None
            theme, actor = actor, None
        elif entry.lemma == "fail":
            if i + 1 < n and toks[i + 1].lower == "to":
                return None  # "failed to win" is read as the negation of "win"
            subject_words = {w.lower() for w in actor.text.split()} if actor else set()
            if not (subject_words & lx.REQUEST_NOUNS or (i + 1 < n and toks[i + 1].lower == "in")):
                return None
            if subject_words & lx.REQUEST_NOUNS:
                beneficiary = owner_in(sentence, actor) if actor else None
                theme, actor = actor, None
            else:
                beneficiary, actor = actor, None  # "X failed in its bid": X asked
        elif entry.kind == "win" and reading.polarity is Polarity.AFFIRMED and theme is not None \
                and _first_noun(theme) in _CUTS:
            # "won a cut in its fine", "secured a reduction in the fees": part of what was fought
            meaning, strong = Meaning.PARTIAL, True
            if reading.voice is Voice.ACTIVE:
                beneficiary, actor = actor, None
        elif entry.kind == "win" and reading.polarity is Polarity.AFFIRMED and got_less_than_asked(sentence, after):
            # "gets one year's funding, not the three it asked for": a part of the request granted
            meaning, strong = Meaning.PARTIAL, True
            if reading.voice is Voice.ACTIVE:
                beneficiary, actor = actor, None
        elif not (won := word_set(theme, _CORE_WORDS)) & (lx.WIN_OBJECTS | lx.REQUEST_NOUNS) \
                and not (entry.kind == "win" and won & lx.AWARDED_FUNDS):
            return None  # what is won opens the object: "gained access to the network ... claims" wins no claim
        elif entry.lemma in lx.RECEIVE_VERBS and not _receives_grant(sentence, theme):
            return None  # "received an application" is no win; "received approval" is
        elif reading.voice is Voice.ACTIVE:
            beneficiary, actor = actor, None  # the winner is the side that asked; the decider is elsewhere
    elif entry.kind == "phrasal" and meaning is Meaning.LOSE:
        if not theme_words & (lx.WIN_OBJECTS | lx.REQUEST_NOUNS | lx.AWARDED_FUNDS):
            return None  # "missed out on promotion", "on a place in the final": no request refused
        beneficiary, actor = actor, None  # who missed out had asked; the decider is elsewhere
    elif entry.lemma in lx.REVIEW_VERBS and entry.lemma not in _STATE_VERBS and reading.modality is Modality.FACT \
            and _completed(toks, reading.verb_start, i):
        return None  # "had already reviewed the plans and found them safe": a review done, nothing put off
    elif entry.lemma in lx.REVIEW_VERBS and theme_words & _CHALLENGES and reading.voice is Voice.ACTIVE \
            and ((actor is not None and not actor.authority) or (actor is None and _indefinite(toks, theme))):
        # "his lawyers are considering an appeal", "... and was weighing an appeal": a side's next step
        # (an appeal of its own, not yet made), no decision put off
        return None
    elif entry.lemma in lx.REVIEW_VERBS and theme_words & _OWN_MOVES and reading.voice is Voice.ACTIVE \
            and actor is not None and not actor.authority and theme is not None \
            and not any(t.lower in ("from", "by") for t in toks[theme.start : theme.end]):
        return None  # "the club are weighing up a move for the winger": a bid of its own, not yet made
    elif entry.lemma in lx.REVIEW_VERBS and theme_words & lx.DECISION_NOUNS and not asks and reading.voice is Voice.ACTIVE \
            and _a_side(sentence, actor):
        return None  # "the club will take more time to consider the decision": the losing side's next step
    elif entry.lemma in lx.REVIEW_VERBS and _weighs_asking(toks, theme):
        return None  # "would consider asking the minister to call it in": whether to ask, a side's next step
    elif entry.lemma in lx.REVIEW_VERBS and _reads_the_ruling(sentence, theme, actor):
        return None  # "the firm was considering the judgment": the decision is made, this is the reaction
    elif (entry.lemma in lx.REVIEW_VERBS or meaning is Meaning.DEFER) and reading.polarity is Polarity.AFFIRMED \
            and any(t.lower == "can" for t in toks[reading.verb_start : i]):
        return None  # "the council can review the licence": a power it has, nothing put off
    elif entry.lemma in lx.REVIEW_VERBS and _contest_only(toks, theme):
        return None  # "the mayor weighs a second-term bid": whether to run, which no one decides for her
    elif entry.lemma in lx.REVIEW_VERBS and not (asks or theme_words & lx.DECISION_NOUNS
                                                 or (entry.lemma in _DELIBERATE
                                                     and _body_deliberating(sentence, i, actor))):
        return None
    elif entry.lemma in lx.HOLD_VERBS and not theme_words & _HELD:
        return None  # "suspended the player" is a sanction; "suspended its plans" puts them on hold
    elif meaning is Meaning.PARTIAL and entry.kind == "phrasal":
        if not theme_words & (_HELD | lx.REQUEST_NOUNS | _SCALABLE):
            return None  # "scaled back its operations": a firm's own business, no request cut down
        strong = True  # "the expansion was scaled back", "watered down the plans": part of what was asked
    elif meaning is Meaning.PARTIAL:
        around = {t.lower for t in toks[max(0, reading.verb_start - 5) : reading.verb_start]}
        asked = _cut_from_asked(toks, i)
        if not (theme_words | around) & (lx.SANCTION_NOUNS | {"charge", "damages", "award", "bill", "tariff", "tariffs",
                                                             "term", "jail"}) and not asked \
                and not _anothers_ask(sentence, theme, actor):
            return None  # (but "cut the number of tickets from the 25,000 organisers wanted": less than asked)
        strong = True  # cutting a penalty decides part of an appeal against it
    elif meaning is Meaning.DEFER and (theme_words & {"sentencing", "sentence"}
                                       or bare(head_word(theme)) in _HEARD_CASES
                                       or any(t.lower in _HEARD_CASES for t in toks[max(0, reading.verb_start - 6) : reading.verb_start])) \
            and not asks:
        return None  # "adjourned sentencing for reports": a criminal case's timetable, no request put off
    elif actor is not None and actor.text.lower().split()[-1] in ("jury", "juries", "jurors") \
            and theme is not None and (theme_words & _ACCOUNTS or (theme_words & {"claim", "claims"}
                                                                  and not _claim_for(sentence.tokens, theme))):
        return None  # "the jury rejected his claim": a verdict on what happened, not on a request
    elif entry.lemma in ("approve", "disapprove") and i + 1 < n and toks[i + 1].lower == "of":
        return None  # "voters approve of the job she is doing": an opinion, not a grant
    elif meaning in (Meaning.GRANT, Meaning.REFUSE) and _a_polled_share(sentence, actor):
        return None  # "54 percent approved", "most respondents rejected it": a poll, not a decision
    elif meaning in (Meaning.GRANT, Meaning.REFUSE) and (_a_general_count(sentence, theme) or _a_share_of_asks(sentence, theme, i)
                                                        or _a_share_before(sentence, reading.verb_start)):
        return None  # "most claims are accepted", "refused a third of requests": a statistic
    elif meaning in (Meaning.GRANT, Meaning.REFUSE) and actor is not None and actor.text.lower().startswith("every "):
        return None  # "I was rejected by every drama school": many deciders told at once, no one decision
    elif meaning is Meaning.DEFER and any(_a_general_count(sentence, p, numbered=True) for p in (actor, theme)):
        return None  # "1,320 complaints were awaiting allocation", "most appeals wait a year": a backlog
    elif entry.lemma in _LETTING and _a_standing_rule(toks, reading.verb_start, i):
        return None  # "using powers that allow councils to challenge", "the law permits appeals": a rule in force
    elif entry.lemma == "pass" and _a_figure_passed(toks, i):
        return None  # "the backlog has passed 50,000", "passed the £1m mark": a figure reached, no vote
    elif entry.lemma == "bar" and _bar_the_noun(toks, i):
        return None  # "Main street bar gets its extra hours", "the wine bar has": a place, no refusal
    elif toks[i].lower in ("delay", "delays") and i + 1 < n and toks[i + 1].lower == "in":
        return None  # "delays in the grievance process": a complaint of slowness, nothing put off
    elif entry.lemma in _CEASE and theme is not None and _an_activity(sentence.tokens, theme):
        return None  # "she stopped working in 2022": ceased doing, no request blocked
    elif meaning is Meaning.GRANT and entry.lemma in ("allow", "let", "permit") and actor is not None \
            and bare(actor.text.split()[-1]).lower() in _RULES:
        return None  # "its rules allow it to extend the review", "the code allows": a rule, not a decision
    elif entry.lemma == "oppose" and not (actor is not None and actor.authority):
        return None  # "campaigners opposed to the plan": a side's position, not a decision
    elif entry.lemma in ("clear", "pass", "survive") and theme is not None and _an_early_stage(sentence.tokens, theme):
        meaning, strong = Meaning.DEFER, False  # "bid clears first hurdle", "passed the first stage": still to decide
    elif entry.lemma == "agree" and i + 1 < n and toks[i + 1].lower in ("among", "amongst", "between"):
        return None  # "farmers who agree among themselves on a price": an agreement of equals, no grant
    elif entry.lemma == "clear" and theme is not None and _cleared_over(sentence.tokens, theme):
        if actor is not None and actor.text.lower().split()[-1] in ("jury", "juries", "court", "magistrates"):
            return None  # "a jury cleared him of all charges": a verdict of innocence, no request
        meaning = Meaning.REFUSE  # "clears the programme over a viewer's complaint": the complaint fails
    elif entry.lemma == "dismiss" and not asks and not theme_words & {"charge", "charges", "idea", "suggestion"}:
        return None  # "she was unfairly dismissed", "dismissed the manager": a sacking, no ruling
    elif entry.lemma == "order" and (not _orders_a_remedy(toks, after) or (
            reading.voice is Voice.ACTIVE and not _may_order(actor))):
        return None  # "ordered an evacuation", "she ordered a refund from the shop": no request granted
    elif entry.lemma == "order" and reading.voice is Voice.PASSIVE and theme is not None \
            and after < n and toks[after].lower == "to":
        # "the firm was ordered to pay compensation": the firm is the side that lost, not who asked;
        # what is granted is the remedy
        theme, beneficiary = object_right(sentence, after) or theme, None
    elif entry.lemma == "accept" and (theme_words & {"responsibility", "blame", "that", "defeat"}
                                      or _accepts_a_proposition(toks, after)):
        return None
    elif meaning is Meaning.REFUSE and _assertion(sentence, theme, entry.lemma, object_=theme is None or theme.start > i):
        return None  # denying an accusation is no decision on a request
    elif entry.lemma == "deny" and reading.voice is Voice.ACTIVE and not _denies_something_asked(sentence, theme):
        return None  # "denies cover-up", "denied wrongdoing": an assertion, not a refusal
    if meaning is None:
        return None
    if meaning is Meaning.GRANT and reading.modality is Modality.FACT and _awaits_another_grant(toks, i):
        # "shareholders approved the deal, subject to competition clearance": not the decision that
        # settles it, which is still to come
        reading = replace(reading, modality=Modality.HYPOTHETICAL)
    kind = EventKind.REQUEST if meaning is Meaning.ASK else (
        EventKind.DEFERRAL if meaning is Meaning.DEFER else EventKind.DECISION)
    if meaning is Meaning.ASK and reading.modality is Modality.SOUGHT:
        reading = replace(reading, modality=Modality.FACT)
    if meaning is Meaning.ASK and any(t.lower in ("can", "could") for t in toks[reading.verb_start : i]) \
            and _anyone_of_a_kind(actor):
        reading = replace(reading, modality=Modality.HYPOTHETICAL)  # "consumers can ask the ombudsman": a right, no ask
    partial = kind is EventKind.DECISION and partial_marker(sentence, reading.verb_start, theme, refusal=meaning is Meaning.REFUSE)
    return Event(
        kind=kind,
        meaning=meaning,
        lemma=entry.lemma,
        sentence=sentence.index,
        index=i,
        polarity=reading.polarity,
        modality=reading.modality,
        voice=reading.voice,
        actor=actor,
        theme=theme,
        beneficiary=beneficiary,
        attribution=attribution_of(sentence, i),
        partial=partial,
        strong=strong or asks or _kept_from_doing(toks, i, meaning),
        direction_ambiguous=entry.kind in ("overturn", "uphold") or entry.lemma in _TWO_WAY or two_way_ruling,
        verb_start=reading.verb_start,
        verb_text=sentence.span(reading.verb_start, max(i + 1, after)),
        announced=reading.announced,
    )


_WAIT_VERBS = frozenset(["await", "wait"])
_ATTRIBUTION_REACH = 4  # tokens from a verb of saying to the "would" it reports: "said (that) they would"


_TAKE = frozenset("take takes took taking".split())
# what a decider takes more of before it decides: "more time", "three more months", "longer"
_SPANS = lx.TIME_UNITS | frozenset(["time", "longer"])


def _who_takes_time(sentence: Sentence, actor: Phrase | None) -> Phrase | None:
    """ "the panel will take more time to consider it": who considers is who takes the time."""
    toks = sentence.tokens
    if actor is None or bare(head_word(actor)) not in _SPANS or actor.start < 1:
        return None
    take = next((k for k in range(actor.start - 1, max(-1, actor.start - 3), -1) if toks[k].lower in _TAKE), None)
    if take is None:
        return None
    return subject_left(sentence, _group_start(toks, take))


def _still_to_come(toks, group: int, i: int, lemma: str) -> bool:
    """A modal deferral that is no mere possibility: "must wait", "will have to wait" (the waiting is
    certain, not "may have to wait"), and "will take more time to consider", "said they would take
    more time to consider" (the decider's own "will", maybe reported)."""
    words = [t.lower for t in toks[group:i]]
    lead = [t.lower for t in toks[max(0, group - 3) : group]]
    if lemma in _WAIT_VERBS:
        if "must" in words:
            return True
        obliged = group >= 1 and toks[group].lower == "to" and toks[group - 1].lower in lx.HAVE
        return obliged and not set(lead) & (lx.HYPOTHETICAL - {"must"})
    # "take (more) time to consider": what comes before "take" says whether it will
    k = group - 1
    while k >= 0 and group - k <= 3 and toks[k].lower not in _TAKE:
        k -= 1
    if not (k >= 0 and toks[group].lower == "to" and toks[group - 1].lower in _SPANS and toks[k].lower in _TAKE):
        return False
    before = [t.lower for t in toks[max(0, k - 2) : k]]
    if set(before) & lx.FUTURE:
        return True
    return "would" in before and any(
        lx.is_attribution(t.lower) for t in toks[max(0, k - 2 - _ATTRIBUTION_REACH) : k])
_PENALTIES = frozenset("ban bans fine fines sentence sentences penalty penalties suspension deduction".split())


def _penalised(sentence: Sentence, theme: Phrase) -> Phrase | None:
    """Whom a penalty that is cut, lifted or upheld weighs on — the side that challenged it: "the
    ban on <player>", "the fine imposed on <firm>"."""
    toks = sentence.tokens
    for k in range(theme.start, min(theme.end, theme.start + 4)):
        if toks[k].lower not in _PENALTIES:
            continue
        j = k + 1
        if j < theme.end and toks[j].lower in ("imposed", "handed", "given"):
            j += 1
        if j + 1 < theme.end and toks[j].lower == "on":
            phrase = _name_after(sentence, j + 1)
            if phrase is not None and phrase.named and sentence.tokens[phrase.end - 1].cap:
                return phrase
        return None
    return None


_OWNER_DETERMINERS = frozenset("his her its their the a an".split())
_CAUSATIVE_SPAN = 8  # tokens a noun phrase between "had" and its participle may take


def _gerund_of_noun(toks, k: int) -> bool:
    """ "his ban for pushing an official": a verb's -ing form after a preposition is part of a noun
    phrase ("a fine for failing to..."), not a verb of the clause."""
    return toks[k].lower.endswith("ing") and k > 0 and toks[k - 1].lower in ("for", "of", "over", "after")


def _causative_have(sentence: Sentence, i: int) -> int | None:
    """The "had" of "had her ban overturned (by ...)", "has had his licence revoked": a participle
    whose subject's thing was acted on, told with "have" and a noun phrase instead of a passive."""
    toks = sentence.tokens
    if not lx.is_participle(toks[i].lower):
        return None
    by = i + 1 < len(toks) and toks[i + 1].lower == "by"
    for k in range(i - 1, max(-1, i - 2 - _CAUSATIVE_SPAN), -1):
        w = toks[k].lower
        if w in lx.HAVE:
            between = toks[k + 1 : i]
            # a noun phrase in between, not only adverbs ("had narrowly approved" is a pluperfect);
            # without a by-agent it must open like one ("has had his licence revoked")
            if between and between[0].lower not in lx.BE and any(t.lower not in lx.ADVERBS and not t.lower.endswith("ly")
                                                                  for t in between) \
                    and (by or between[0].lower in _OWNER_DETERMINERS):
                return k
            return None
        if not toks[k].word or w in lx.AUX or w in lx.NEGATORS or (
                lx.lookup(w) is not None and w not in lx.REQUEST_NOUNS and not _gerund_of_noun(toks, k)):
            return None
    return None


def _giver_in(sentence: Sentence, theme: Phrase) -> Phrase | None:
    """The body a decision is to come from: "approval from the regulator", "a ruling by the court"."""
    toks = sentence.tokens
    for k in range(theme.start, theme.end - 1):
        if toks[k].lower in ("from", "by"):
            phrase = _name_after(sentence, k + 1)
            if phrase is not None and (phrase.named or phrase.authority):
                return phrase
    return None


def _may_go_ahead(sentence: Sentence, i: int, after: int, reading) -> Event | None:
    """"X's purchase of Y can go ahead", "the plans may go ahead": a body's permission told through
    what it permits (the subject, a request); other "go ahead"s ("the strike went ahead") decide nothing."""
    toks = sentence.tokens
    can = i - 1
    while can > 0 and toks[can].lower in ("now", "still", "finally", "therefore"):
        can -= 1  # "can now go ahead"
    will_now = toks[can].lower == "will" and can + 1 < i and toks[can + 1].lower == "now"  # "will now go ahead"
    if can < 1 or not (toks[can].lower in ("can", "may") or will_now) or reading.polarity is not Polarity.AFFIRMED:
        return None
    if any(t.lower in _OPEN_CLAUSE or lx.lemma(t.lower) in _OPEN_VERBS for t in toks[max(0, can - 12) : can]):
        return None  # "decide whether it can go ahead", "hopes it can go ahead": not permitted yet
    theme = subject_left(sentence, can)
    words = word_set(theme)
    granter = _permitted_after(sentence, after)  # "... will now go ahead after the minister approved it"
    # what goes ahead is a request or a project; anything goes ahead once a named body has granted it
    if theme is None or not (words & (lx.REQUEST_NOUNS | _PERMITTED) or granter):
        return None
    # who permits it: the body whose statement it is ("The authority said (on Tuesday) that ...")
    actor = None
    for k in range(theme.start - 1, max(0, theme.start - 8), -1):
        if lx.is_attribution(toks[k].lower, toks[k + 1].lower) or toks[k].lower in ("ruled", "decided", "concluded"):
            speaker = subject_left(sentence, k)
            actor = speaker if speaker is not None and (speaker.authority or speaker.named) else None
            break
    actor = actor or granter
    if actor is None:
        return None  # a permission is someone's: without the body that gives it, a forecast
    # "X's purchase of Y can go ahead": X asked to buy
    return _told(sentence, i, Meaning.GRANT, "go ahead", can, after, actor=actor, theme=theme,
                 beneficiary=owner_in(sentence, theme, extra=_PERMITTED))


def _permitted_after(sentence: Sentence, after: int) -> Phrase | None:
    """ "can go ahead after the inspector approved it": the body whose decision follows "after" (a
    deciding body or a name, the subject of a granting verb)."""
    toks = sentence.tokens
    k = next((k for k in range(after, min(len(toks), after + 4)) if toks[k].lower == "after"), -1)
    if k < 0:
        return None
    for m in range(k + 2, min(len(toks), k + 12)):
        entry = lx.lookup(toks[m].lower)
        if entry is not None and entry.meaning is Meaning.GRANT and not toks[m].cap:
            body = subject_left(sentence, m)
            return body if body is not None and body.start > k and (body.authority or body.named) else None
        if not toks[m].cap and (toks[m].lower in _BODY_FINDINGS or lx.is_attribution(toks[m].lower, _next(toks, m))):
            # "after regulators concluded that the deal would not harm competition": a deciding
            # body's finding lets it go ahead; a party's word ("after the club said") does not
            body = subject_left(sentence, m)
            return body if body is not None and body.start > k and body.authority else None
        if not toks[m].word:
            return None
    return None


_BODY_FINDINGS = frozenset("concluded ruled decided found determined accepted".split())


# what makes "can go ahead" open, not permitted: "whether it can", "if it can", "hopes it can"
_OPEN_CLAUSE = frozenset("whether if unless until when once provided".split())
_OPEN_VERBS = frozenset("hope expect want ask decide seek urge demand believe".split())
# things a body lets go ahead besides requests: "the purchase can go ahead", "the development may go ahead"
_PERMITTED = frozenset("purchase acquisition sale development project expansion scheme building".split())


_ADDRESSED = frozenset("to with from".split())
_WRITING = frozenset("wrote written write writes sent appealed turned".split())


def _writer_of_letter(sentence: Sentence, i: int, actor: Phrase | None) -> Phrase | None:
    """ "Residents wrote to the council asking for an inquiry": the phrase before "asking" is the
    one addressed; who asks is the subject of the verb that addressed it."""
    toks = sentence.tokens
    if actor is None or not toks[i].lower.endswith("ing") or i != actor.end:
        return None
    k = actor.start - 1
    while k >= 0 and toks[k].lower in lx.DETERMINERS:
        k -= 1
    if k < 1 or toks[k].lower not in _ADDRESSED or not (
            toks[k - 1].lower in _WRITING or (toks[k - 1].lower.endswith("ed") and lx.is_participle(toks[k - 1].lower))):
        return None
    return subject_left(sentence, _group_start(toks, k - 1))


def _accepts_a_proposition(toks, after: int) -> bool:
    """ "accepted that the appellant is a devoted father" (a finding), not "accepted that offer"."""
    if after + 1 >= len(toks) or toks[after].lower != "that":
        return False
    nxt = toks[after + 1].lower
    # only "that offer", "that recommendation": a thing one can accept; any other "that" opens a clause
    return nxt not in lx.REQUEST_NOUNS | lx.GRANT_NOUNS | {"recommendation", "recommendations"}


_QUESTION_WORDS = frozenset("about whether if how why what who when where which questions question".split())
_QUESTION_REACH = 6  # tokens to the question word: "asked 2,400 of its members about"
_ALSO_RELATIVE = frozenset("where when who which".split())  # "at a hearing where objectors had gathered"
_RELATIVE_REACH = 4
_ASKED_FOR = frozenset(["for", "to"])


_QUOTED_QUESTION = 40  # tokens a quoted question may run before its "?"




def _appeals_to_taste(toks, i: int) -> bool:
    """ "will appeal to people who...", "its appeal to investors", "the appeal of the January sale":
    attraction, not a plea to a body."""
    if i + 1 < len(toks) and toks[i + 1].lower == "of":
        return _attractive_thing(toks, i + 2)
    return i + 1 < len(toks) and toks[i + 1].lower == "to" and any(
        t.lower in _TASTES for t in toks[i + 2 : i + 5])


_ASKED_OR_DECIDED = lx.DECISION_NOUNS | lx.SANCTION_NOUNS | lx.REQUEST_NOUNS
_PEOPLE_ENDINGS = ("ers", "ors", "ists", "ants", "ents", "ians")  # "the appeal of the residents"


def _attractive_thing(toks, start: int) -> bool:
    """The head of the noun phrase after "appeal of" is a common noun for a thing: not a party ("the
    appeal of the club"), a person's name, or a decision appealed against ("the appeal of the ruling")."""
    k = start
    while k < len(toks) and k - start < 6 and _in_the_noun_phrase(toks[k]):
        k += 1
    if k == start:
        return False
    head, word = toks[k - 1], toks[k - 1].lower
    return not head.cap and word.isalpha() and not lx.is_party(word) and not word.endswith(_PEOPLE_ENDINGS) \
        and word not in _ASKED_OR_DECIDED and word not in lx.DETERMINERS


def _in_the_noun_phrase(tok: Token) -> bool:
    """Not past the phrase's end: a clause break, a preposition, an auxiliary or a verb of the
    lexicon (its decision and request nouns are nouns here)."""
    w = tok.lower
    return tok.word and w not in lx.CLAUSE_BREAKS and w not in _PAIR_OPENERS and w not in lx.AUX \
        and (lx.lookup(w) is None or w in _ASKED_OR_DECIDED)


def _asserts(toks, i: int) -> bool:
    """A claim noun that a "that" clause follows before any "for": "claims (from X) that"."""
    for t in toks[i + 1 : i + 7]:
        if t.lower in ("for", "against", "to"):
            return False
        if t.lower == "that":
            return True
    return False


_ESCAPES = frozenset("flee elude outrun evade".split())
_ESCAPED = frozenset("police capture custody arrest officers".split())


def _an_escape(toks, i: int) -> bool:
    """ "a bid to get away", "an attempt to flee", "to escape police" (not "a bid to escape a
    whole-life sentence", "to get out of prison early", which ask a body)."""
    if i + 3 >= len(toks) or toks[i + 1].lower != "to":
        return False
    verb, nxt = toks[i + 2].lower, toks[i + 3].lower
    return verb in _ESCAPES or (verb == "get" and nxt == "away") or (verb == "escape" and nxt in _ESCAPED)


def _anyone_of_a_kind(actor: Phrase | None) -> bool:
    """A subject for anyone of a kind ("Consumers who are unhappy", "tenants", "you"), not a party
    of the story ("the tenants", "the council")."""
    if actor is None:
        return False
    first = actor.text.split()[0].lower()
    return first in ("you", "anyone", "people", "everyone") or (
        first.endswith("s") and first not in lx.DETERMINERS and not actor.named and len(actor.text.split()) <= 3)


_CONTESTS_FOR_OFFICE = frozenset("""election elections primary leadership seat nomination race ballot candidate
candidacy presidency mayoralty""".split())


def _challenges_a_person(sentence: Sentence, i: int) -> bool:
    """A rival for office challenged by name ("expected to challenge Whitmore next year", "will
    challenge Mr Jones for the leadership"), not a body or a ruling (Ofcom, Uefa, the council)."""
    toks = sentence.tokens
    said = {t.lower for t in toks}
    if not (said & _CONTESTS_FOR_OFFICE or any(a.lower == "next" and b.lower == "year" for a, b in zip(toks, toks[1:], strict=False))):
        return False
    k = i + 1
    if k < len(toks) and toks[k].lower in ("mr", "mrs", "ms", "miss", "dr", "sir", "dame"):
        k += 1
    name = [t for t in toks[k : k + 3] if t.word and t.cap]
    return bool(name) and len(name) <= 2 and not any(bare(t.lower) in lx.AUTHORITY_HEADS for t in name)


def _asks_a_question(toks, i: int) -> bool:
    """ "asked (the witness) about", "asked whether", "asked questions": asking is questioning when a
    question word follows within a few words, before any "for" or "to" that asks for something."""
    for k in range(i + 1, min(len(toks), i + 1 + _QUESTION_REACH)):
        w = toks[k].lower
        if not toks[k].word:
            # 'asked Mr Lee: "If you believed...?"', 'asked, "Why now?"': a question put, in quotes
            # (not 'asked the council: "Please keep our library open."')
            opens = w in (":", '"', "“") or (w == "," and k + 1 < len(toks) and toks[k + 1].lower in ('"', "“"))
            return opens and any(t.text == "?" for t in toks[k + 1 : k + 1 + _QUOTED_QUESTION])
        if w in _ASKED_FOR:
            return False
        if w in _QUESTION_WORDS and (k - i <= _RELATIVE_REACH or w not in _ALSO_RELATIVE):
            # "asked the court if it (the firm) could delay payment": asking leave, a request;
            # "asked whether he would resign", "whether the company might challenge it": questions
            return not (w in ("if", "whether") and any(t.lower in ("could", "can", "may", "allowed")
                                                         for t in toks[k + 1 : k + 5]))
    return False


_CONDITION_SPAN = 28  # tokens from the grant to its condition: "approved the takeover ... subject to"
_ADJUNCT_OPENERS = frozenset("with after at in on by".split())  # ", with 97% in favour": the same clause
_CONDITION_OPENERS = (("subject", "to"), ("conditional", "on"), ("conditional", "upon"), ("dependent", "on"),
                      ("contingent", "on"), ("contingent", "upon"))


def _awaits_another_grant(toks: tuple[Token, ...], i: int) -> bool:
    """A grant made "subject to / conditional on" another approval, clearance or consent (a
    condition that is itself a grant still to come, not conditions attached to this one), in the
    grant's own clause or in one about that grant ("...; their approval is conditional on")."""
    about_the_grant = False
    for k in range(i + 1, min(len(toks) - 2, i + _CONDITION_SPAN)):
        w = toks[k].lower
        if (w, toks[k + 1].lower) in _CONDITION_OPENERS:
            if any(t.lower in ("longer", "not") for t in toks[max(0, k - 2) : k]):
                return False  # "no longer subject to approval"
            return any(t.lower in lx.GRANT_NOUNS - {"backing", "green", "light", "leave", "nod"}
                       for t in toks[k + 2 : k + 6])
        if w in (",", ";", "but", "although", "though", "while", "whereas") or toks[k].text in ("—", "–"):
            if any(t.lower in lx.GRANT_NOUNS | lx.DECISION_NOUNS for t in toks[k + 1 : k + 4]):
                about_the_grant = True  # "...; their approval, however, is conditional on"
            elif not (w == "," and (about_the_grant or toks[k + 1].lower in _ADJUNCT_OPENERS
                                    or (toks[k + 1].lower, toks[k + 2].lower) in _CONDITION_OPENERS)):
                return False  # another clause: "approved it, but the bypass is still subject to ..."
    return False


_OPENING_SPAN = 30  # tokens back to a clause's start: "A request by X to rezone ... failed"


def _request_opening(sentence: Sentence, verb_start: int) -> Phrase | None:
    """A long subject that opens its clause with a request noun ("A request by X to rezone 2.1
    acres ... from residential to commercial failed"): longer than a passive subject is read."""
    toks = sentence.tokens
    start = verb_start
    while start > 0 and verb_start - start < _OPENING_SPAN and toks[start - 1].text not in (",", ";", ":", '"', "“"):
        start -= 1
    if verb_start - start < 2 or start > 0 and verb_start - start >= _OPENING_SPAN:
        return None
    opening = {t.lower for t in toks[start : start + 3]}
    return make_phrase(sentence, start, verb_start) if opening & lx.REQUEST_NOUNS else None


_CORE_WORDS = 5  # the words of an object that say what it is: "a £2m loan from", "the right to appeal"


_PEOPLE_PRONOUNS = frozenset("i you he she we they".split())


def _may_order(actor: Phrase | None) -> bool:
    """Who orders a remedy: a body, a named office or person ("Ofcom", "Judge Lee"), or "it" for a
    body; not a person told by a pronoun or a plain noun ("she ordered a refund from the shop")."""
    if actor is None:
        return False
    if actor.authority or actor.named:
        return True
    if actor.start == 0 and actor.text[:1].isupper() and not actor.pronoun and len(actor.words()) == 1:
        return True  # "Ofcom ordered ...": a sentence's first word is capitalised anyway, so not marked named
    return actor.pronoun and actor.text.lower() not in _PEOPLE_PRONOUNS


_REMEDY_SPAN = 8  # tokens from "ordered" to the remedy: "ordered the Department of Health to release"


def _orders_a_remedy(toks: tuple[Token, ...], after: int) -> bool:
    """What is ordered is a remedy someone sought, within a few words: "ordered the release of",
    "ordered the firm to pay compensation", "was ordered to reinstate her"."""
    for k in range(after, min(len(toks), after + _REMEDY_SPAN)):
        if not toks[k].word:
            return False
        w = toks[k].lower
        if w in lx.REMEDIES:
            return True
    return False


def _receives_grant(sentence: Sentence, theme: Phrase | None) -> bool:
    """The object of "receive"/"get" opens with a grant: "the go-ahead", "planning permission"."""
    if theme is None:
        return False
    toks = sentence.tokens
    for k in range(theme.start, min(theme.end, theme.start + 4)):
        w = toks[k].lower
        if w in lx.GRANT_NOUNS - {"backing", "green", "light", "leave"} or (
                w == "green" and k + 1 < len(toks) and toks[k + 1].lower == "light"):
            return True
        if w not in lx.DETERMINERS and not (w.isalpha() and not lx.lookup(w) and k + 1 < theme.end):
            return False
    return False


_DENIABLE = lx.REQUEST_NOUNS | lx.WIN_OBJECTS | lx.GRANT_NOUNS | frozenset("access entry".split())
_OBJECT_PRONOUNS = frozenset("him her them us me".split())


def _denies_something_asked(sentence: Sentence, theme: Phrase | None) -> bool:
    """Active "deny" refuses only something one can ask for ("denied the request", "denied bail"), or
    someone something ("denied him a visa", "denying vaccines to detainees"); else it asserts."""
    if theme is None:
        return False
    toks = sentence.tokens
    words = [t.lower for t in toks[theme.start : theme.end]]
    if set(words) & _DENIABLE or "to" in words[1:]:
        return True
    return bool(words) and (words[0] in _OBJECT_PRONOUNS or (toks[theme.start].cap and len(words) > 2))


# looking into something before deciding it (not investigating a crime or a crash)
_DELIBERATE = frozenset("consider weigh mull ponder review".split())


_ASKED_REACH = 16  # tokens after a cut in which "from the 25,000 (that) organisers wanted" says what was asked


def _cut_from_asked(toks, i: int) -> bool:
    """ "reduced the number of tickets from the 25,000 organisers wanted (to 18,000)": the cut
    starts from an amount a side asked for, in the cut's own clause."""
    for k in range(i + 1, min(len(toks), i + 1 + _ASKED_REACH)):
        if toks[k].text in (",", ";") or toks[k].lower in ("and", "but", "after", "because", "when", "who"):
            return False
        if toks[k].lower == "from":
            tail = toks[k + 1 : k + 8]
            amount = any(t.text[:1].isdigit() or t.lower in lx.COUNTS for t in tail[:3])
            return amount and any(t.lower in _ASKED_FORMS for t in tail)
    return False
_ASKED_FORMS = frozenset("wanted sought requested asked applied".split())
_MEASURES = frozenset("rating ratings figure figures numbers score scores".split())
_CUTS = frozenset("cut cuts reduction reductions".split())


def _a_measure(sentence: Sentence, *phrases: Phrase | None) -> bool:
    """A request noun that names a measure ("approval rating", "approval figures")."""
    toks = sentence.tokens
    for phrase in phrases:
        if phrase is None:
            continue
        if any(_measure_at(toks, k) for k in range(phrase.start, min(phrase.end, len(toks)))):
            return True
    return False


def _measure_at(toks, k: int) -> bool:
    """ "approval rating", "approval figures", "approval at 46 percent": a poll's measure; "the
    proportion of requests": a rate."""
    if toks[k].lower in _SHARE_HEADS and k + 2 < len(toks) and toks[k + 1].lower == "of" \
            and toks[k + 2].lower in lx.REQUEST_NOUNS and toks[k + 2].lower.endswith("s"):
        return True  # "the proportion of requests granted has fallen": a rate that falls
    if toks[k].lower not in lx.REQUEST_NOUNS | lx.WIN_OBJECTS:
        return False
    if k + 1 < len(toks) and toks[k + 1].lower in _MEASURES:
        return True
    return toks[k].lower == "approval" and any(
        t.lower in ("percent", "per", "%") or t.text.endswith("%") for t in toks[k + 1 : k + 5])


_HEARD_FROM = frozenset("us me you him her them anyone someone".split())  # not "hear from both sides"
_LETTING = frozenset("allow permit enable let".split())
# what lets people do things as a standing rule, not as a decision: "powers that allow", "the law permits"
_RULES = frozenset("""power powers rule rules law laws act legislation regulation regulations policy code
constitution guidance system""".split())


def _a_standing_rule(toks, verb_start: int, i: int) -> bool:
    """A present-tense letting verb whose subject is a rule: "powers that allow councils to
    challenge", "the law permits appeals", "rules which let clubs". Not "the board allowed the appeal"."""
    if toks[i].lower.endswith("ed") or verb_start != i:
        return False  # a past or auxiliary-led verb group tells what someone did
    k = verb_start - 1
    if k >= 0 and toks[k].lower in ("that", "which"):
        k -= 1
    return k >= 0 and toks[k].lower in _RULES


_PASSED_MOTIONS = frozenset("bills bill motions laws amendments resolutions measures budgets ordinances acts".split())


def _a_figure_passed(toks, i: int) -> bool:
    """What is passed is a figure: "has passed 50,000", "passed the £1m mark", "passed 40 per cent"."""
    k = i + 1
    if k < len(toks) and toks[k].lower in ("the", "a"):
        k += 1
    if k >= len(toks) or not (is_amount(toks[k]) or toks[k].text[:1].isdigit()):
        return False
    if lx.is_year(toks[k].text) and k + 1 < len(toks) and toks[k + 1].word:
        return False  # ("passed a 2019 budget": a bill)
    return not any(t.lower in _PASSED_MOTIONS for t in toks[k + 1 : k + 3])  # ("passed 12 bills": votes)


# a member's title before a name ("Councilwoman Kowal", "Sen. Ortiz"): one member, not the body
_MEMBER_TITLES = frozenset("""councilman councilwoman councillor councilor alderman alderwoman supervisor
trustee senator sen rep representative assemblyman assemblywoman delegate selectman selectwoman""".split())
_MEMBERS_REACH = 15  # tokens of a subject before "voted"


def _a_sanction(phrase: Phrase | None) -> bool:
    """The phrase names a sanction before any preposition: "a two-week ban (for a tackle)"."""
    if phrase is None:
        return False
    for word in phrase.text.lower().split():
        if word in lx.PREPOSITIONS:
            return False
        if bare(word) in lx.SANCTION_NOUNS:
            return True
    return False


def _named_members_vote(toks, verb_start: int) -> bool:
    """ "Gilley, Councilman Orsini and Councilwoman Kowal voted against the rezoning": members named by
    title tell how they voted, not the body's decision ("Councillors voted 7-2 to approve" names no
    member, and decides)."""
    subject = toks[max(0, verb_start - _MEMBERS_REACH) : verb_start]
    for k in range(len(subject) - 1, -1, -1):
        if subject[k].text in (";", ":") or subject[k].lower in ("that", "which", "when", "after", "but"):
            subject = subject[k + 1 :]
            break
    if any(bare(t.lower) in lx.AUTHORITY_HEADS and t.lower not in _MEMBER_TITLES for t in subject):
        return False
    def named(k: int) -> bool:  # "Councilwoman Kowal", "Sen. Ortiz"
        nxt = k + 2 if k + 2 < len(subject) and subject[k + 1].text == "." else k + 1
        return nxt < len(subject) and subject[nxt].cap

    return any(t.lower in _MEMBER_TITLES and named(k) for k, t in enumerate(subject))


# a side's own next step in a dispute, weighed by the side itself: "whether to pay for legal advice",
# "whether to fight on" (not "whether to take the offer", which may decide a request)
_NEXT_STEPS = frozenset("pay fund pursue contest launch mount bring fight resist".split())


_DISPUTES = frozenset("dispute row fight battle disagreement clash".split())


def _sides_with_a_party(sentence: Sentence, theme: Phrase) -> bool:
    """ "backs (the) council over the homes", "supported the panel in its dispute": siding with a
    deciding body in a dispute, which grants or refuses depending on who asked."""
    toks = sentence.tokens[theme.start : min(theme.end, theme.start + 6) + 3]
    k = next((k for k, t in enumerate(toks) if t.lower in ("over", "in")), -1)
    if k <= 0 or bare(toks[k - 1].lower) not in lx.AUTHORITY_HEADS:
        return False  # (a party backed is the side that wins: "Judge backs Roe over dismissal claim")
    if toks[k].lower == "in":  # "in its dispute with", not "in a 7-2 vote"
        return any(t.lower in _DISPUTES for t in toks[k + 1 : k + 4])
    return True


def _first_or_last_cases(toks, k: int) -> bool:
    """ "its last case", "their first appeals" from token k: a court's calendar, not a request before it."""
    words = [t.lower for t in toks[k : k + 4]]
    if not words or words[0] not in ("its", "their"):
        return False  # ("will hear the final appeal by the firm": a request heard)
    return len(words) >= 3 and words[1] in ("first", "last", "final") and bare(words[2]) in ("case", "cases", "appeals", "hearings")


def _whether_to_ask(toks, k: int) -> bool:
    """ "whether to appeal", "whether to ask the minister", "whether to fund a challenge" from token
    k: an ask or a next step of one's own weighed."""
    if k + 2 >= len(toks) or toks[k].lower != "whether" or toks[k + 1].lower != "to":
        return False
    entry = lx.lookup(toks[k + 2].lower)
    if entry is not None and entry.kind == "ask":
        return True
    # a next step only when still undecided by the side itself ("has not decided whether to fund a
    # challenge"); not "will decide whether to fund the school's application", a request decided
    return toks[k + 2].lower in _NEXT_STEPS and any(t.lower in lx.NEGATORS or t.lower.endswith("n't") or t.lower == "yet"
                                                    for t in toks[max(0, k - 4) : k]) \
        and not any(t.lower.endswith(("'s", "’s")) for t in toks[k + 3 : k + 8])


def _indefinite(toks, theme: Phrase | None) -> bool:
    """The theme opens on "a" or "an": a thing not yet there ("weighing an appeal")."""
    return theme is not None and theme.start > 0 and toks[theme.start - 1].lower in ("a", "an")


# what a side weighs making itself (not "a bid from Acme", which someone else made)
_OWN_MOVES = frozenset("move moves bid bids swoop approach".split())


def _weighs_asking(toks, theme: Phrase | None) -> bool:
    """What is weighed is an ask of one's own: "considering asking the minister", "weighing an
    application to the court", "considering appealing", "would consider whether to ask"."""
    if theme is None:
        return False
    if _whether_to_ask(toks, theme.start):
        return True  # "would consider whether to ask Ofwat to refer it"
    first = toks[theme.start].lower
    entry = lx.lookup(first)
    return first.endswith("ing") and entry is not None and entry.kind == "ask"


_MADE_RULINGS = frozenset("judgment judgement ruling verdict findings".split())


def _reads_the_ruling(sentence: Sentence, theme: Phrase | None, actor: Phrase | None) -> bool:
    """ "X said it was considering the judgment", "is studying the ruling": a ruling already given,
    read by someone who is no deciding body (a court "considering the judgment" may still be writing it)."""
    toks = sentence.tokens
    if theme is None or "the" not in (toks[theme.start].lower, toks[theme.start - 1].lower if theme.start else ""):
        return False
    if not word_set(theme, _CORE_WORDS) & _MADE_RULINGS:
        return False
    actor = _who_it_is(sentence, actor)
    return actor is None or not actor.authority


def _who_it_is(sentence: Sentence, actor: Phrase | None) -> Phrase | None:
    """A pronoun actor as the speaker it stands for ("the club said it will" → the club)."""
    if actor is not None and actor.pronoun and actor.text.lower() in lx.PRONOUNS:
        return _speaker_for(sentence, actor, descriptions=True)
    return actor


def _a_side(sentence: Sentence, actor: Phrase | None) -> bool:
    """The actor is a party, not a deciding body ("it" as said by one: "the club said it will")."""
    actor = _who_it_is(sentence, actor)
    # a kind of party by its noun ("the club", "his lawyers"); a name may be a body ("Ofcom", "the Treasury")
    return actor is not None and not actor.authority and bare(head_word(actor)) in lx.PARTY_NOUNS | lx.BACK_NOUNS \
        and bare(head_word(actor)) not in lx.AUTHORITY_HEADS


def _body_deliberating(sentence: Sentence, i: int, actor: Phrase | None) -> bool:
    """A deciding body looking into something now: "Court mulls file-sharing", "the board is weighing
    its options" — in the present, not a past "the court considered the evidence"."""
    if actor is None or not actor.authority:
        return False
    toks = sentence.tokens
    word = toks[i].lower
    if word.endswith("ing"):
        return i > 0 and toks[i - 1].lower in ("is", "are", "still")
    return word.endswith("s") and not word.endswith("ss") and not (i > 0 and toks[i - 1].lower in lx.HAVE)


def _grants_time(sentence: Sentence, theme: Phrase | None) -> bool:
    """ "extra time", "more time", "an extension until May" (not "a library extension"): a deadline moved."""
    if theme is None:
        return False
    toks = sentence.tokens
    for k in range(theme.start, min(theme.end, theme.start + 4)):
        w = toks[k].lower
        nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
        if w == "time" and k > theme.start and toks[k - 1].lower in _MORE_WORDS:
            return True
        if w == "extension" and (nxt in ("until", "till") or "deadline" in (nxt, toks[k - 1].lower)
                                 or (nxt == "of" and k + 2 < len(toks) and toks[k + 2].lower == "the"
                                     and k + 3 < len(toks) and toks[k + 3].lower == "deadline")):
            return True
    return False


# wrongs a claim is lodged for before a tribunal or court (a claim "of a cover-up" only alleges)
_LEGAL_WRONGS = frozenset("""dismissal negligence discrimination damages breach harassment victimisation
victimization detriment""".split())


def _assertion(sentence: Sentence, theme: Phrase | None, lemma: str, object_: bool = True) -> bool:
    """ "denied the claim that...", "dismissed the allegations", "declined to comment". `object_`:
    the theme follows the verb (a passive's subject is a noun phrase, never a deed denied)."""
    if theme is None:
        return lemma == "deny"  # "..., which he denies": denying with no object denies a charge
    toks = sentence.tokens
    if lemma == "dismiss" and (theme.end < len(toks) and toks[theme.end].lower == "as"
                               or any(t.lower == "as" for t in toks[theme.start : theme.end])):
        return True  # "dismissed the plans as uncosted": a verdict in words, not on a request
    first = toks[theme.start].lower
    if first == "to" and theme.start + 1 < len(toks) and toks[theme.start + 1].lower in lx.SPEECH_ACTS:
        return True
    after_to = tuple(t.lower for t in toks[theme.start + 1 : theme.start + 3])
    if first == "to" and after_to in (("be", "drawn"), ("rule", "out"), ("be", "named")):
        return True  # "refused to be drawn", "refused to rule out tax rises": no answer given, nothing refused
    if any(t.lower in ("interview", "interviews") for t in toks[theme.start : min(theme.end, theme.start + 5)]):
        return True  # "turned down requests for an interview": a reporter's ask
    for k in range(theme.start, min(theme.end, theme.start + 3)):
        word = toks[k].lower
        nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
        if word in lx.ASSERTION_NOUNS:
            return nxt not in ("for", "to", "from", "by")
        if word in lx.EITHER_NOUNS:
            if nxt == "of" and lemma != "deny" and _LEGAL_WRONGS & {t.lower for t in toks[k + 2 : k + 5]}:
                return False  # "rejected the club's claim of wrongful dismissal": a claim a side lodged
            return lemma == "deny" or nxt in ("that", "he", "she", "it", "they", "of")
    # "denied taking the drug", "rejected suggestions": an -ing clause is a deed denied, not a request
    if first == "it":
        return lemma == "deny"  # "he denied it" denies a charge; "the governor vetoed it" refuses a bill
    return first in ("that", "he", "she", "they", "having", "any") or (
        object_ and first.endswith("ing") and len(first) > 5 and lemma in ("deny", "reject", "dismiss"))


_UNLAWFUL = frozenset("""unlawful illegal invalid unconstitutional discriminatory unreasonable irrational
void""".split())
_LAWFUL = frozenset("lawful legal valid constitutional reasonable".split())


def _ruled_unlawful(toks, start: int) -> tuple[Meaning, int] | None:
    """ "ruled that the ban was unlawful": the challenge to it succeeds; "... was lawful" (or "was
    not unlawful") fails. Read within the that-clause only."""
    if start >= len(toks) or toks[start].lower != "that":
        return None
    negated = False
    for k in range(start + 1, min(len(toks), start + 14)):
        w = toks[k].lower
        if w in lx.NEGATORS:
            negated = True
        elif (w in _UNLAWFUL or w in _LAWFUL) and toks[k - 1].lower in lx.BE | lx.NEGATORS | {"been"}:
            against = (w in _UNLAWFUL) != negated  # "the ban was unlawful", "was not unlawful"
            return (Meaning.GRANT if against else Meaning.REFUSE), k + 1
        elif not toks[k].word or w in ("but", "although", "though", "while", "despite", "if", "unless"):
            return None
    return None


def _side_after(toks, start: int) -> tuple[Meaning, int] | None:
    """ "voted (by nine votes to three) against", "ruled in favour of": which side, and where after."""
    for k in range(start, min(len(toks), start + 9)):
        w = toks[k].lower
        if w == "against":
            return Meaning.REFUSE, k + 1
        if w == "in" and k + 2 < len(toks) and toks[k + 1].lower in ("favour", "favor") and toks[k + 2].lower == "of":
            return Meaning.GRANT, k + 3
        if w == "in" and k + 1 < len(toks) and toks[k + 1].lower in ("favour", "favor") \
                and (k + 2 >= len(toks) or not toks[k + 2].word):
            return Meaning.GRANT, k + 2  # "voted unanimously in favour."
        if w == "for" and _voted_for_a_thing(toks, k):
            return Meaning.GRANT, k + 1
        if not toks[k].word:
            return None
    return None


# what a vote for carries (not a candidate: "voted for a new leader", "for the independent candidate")
_MOTIONS = lx.REQUEST_NOUNS | frozenset("""plan plans proposal proposals scheme motion motions compromise amendment
resolution budget bill measure deal merger takeover""".split())


def _voted_for_a_thing(toks, k: int) -> bool:
    """ "voted (8 to 5) for a compromise", "voted for the plan": a motion carried. Not a candidate or
    party ("voted for the Greens", "for a new leader"), nor "for the first time"."""
    rest = toks[k + 1 : k + 5]
    return len(rest) > 1 and rest[0].lower in ("the", "a", "an", "its", "their", "this") and not rest[1].cap \
        and any(t.lower in _MOTIONS for t in rest[1:])


def _split_particle(toks, i: int, lemma: str) -> int | None:
    """Where the particle of a decide-verb stands after a short object: "voted the plans down",
    "ruled it out" (the object a pronoun, or a determiner and at most two words)."""
    if i + 2 < len(toks) and toks[i + 1].lower in ("it", "them") and (lemma, toks[i + 2].lower) in lx.PHRASAL:
        return i + 2
    if i + 1 >= len(toks) or toks[i + 1].lower not in lx.DETERMINERS:
        return None
    for k in range(i + 2, min(len(toks), i + 5)):
        if (lemma, toks[k].lower) in lx.PHRASAL:
            return k
        if not toks[k].word:
            return None
    return None


def _a_farewell(toks, k: int) -> bool:
    """After "signs off": nothing more in the clause, or a span of service ("after 12 years", "after
    three decades"); not "signed off on the budget", "signed off after a two-hour debate"."""
    if k >= len(toks) or not toks[k].word:
        return True
    if toks[k].lower != "after" or k + 2 >= len(toks):
        return False
    count = toks[k + 1].text[:1].isdigit() or toks[k + 1].lower in lx.COUNTS or toks[k + 1].lower in ("a", "more")
    return count and any(t.lower in lx.TIME_UNITS for t in toks[k + 2 : k + 4])


def _heads_the_object(toks, i: int, k: int) -> bool:
    """The issued noun at k heads what was issued: no count before it ("issued 4,000 permits this
    year") and no noun after it ("issued a licence suspension notice")."""
    if any(t.text[:1].isdigit() for t in toks[i + 1 : k]):
        return False
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return nxt is None or not nxt.word or nxt.lower in lx.PREPOSITIONS or nxt.lower in lx.CLAUSE_BREAKS or nxt.cap


def _issues_as_a_verb(toks, i: int) -> bool:
    """ "issued", "issuing", "will issue" (not "the issue of licences", "issues with the permit")."""
    word, prev = toks[i].lower, (toks[i - 1].lower if i > 0 else "")
    if prev.endswith("ly") or prev in lx.DETERMINERS:
        return False  # "the recently issued licence", "the issued permit": what kind of licence
    return word in ("issued", "issuing") or prev in lx.FUTURE | lx.HYPOTHETICAL | {"to", "did", "can"}


# between "give" and its grant noun, words that make the noun no gift: "gave no reason for", "gave up
# hope of", "gave evidence at the inquiry into"
_NOT_GIVEN_BETWEEN = (lx.PREPOSITIONS - {"to"}) | frozenset("no not up evidence reason speech".split())
_GIVE_REACH = 8  # "has given the Kelsby eastern bypass full approval": a named thing before the grant noun


_LATER = frozenset("next later another future".split())


def _kicked_down_the_calendar(toks, k: int) -> bool:
    """ "kicked to March / next month / a later meeting", "kicked into the long grass": put off."""
    after = [t.lower for t in toks[k + 1 : k + 4]]
    if not after:
        return False
    if toks[k].lower == "into":
        return "long grass" in " ".join(after)
    first = after[1] if after[0] in lx.DETERMINERS and len(after) > 1 else after[0]
    return first in MONTHS or first in _LATER or first in lx.TIME_WORDS or lx.is_year(first)


def _phrasal(sentence: Sentence, i: int, lemma: str) -> tuple[Meaning | None, bool, int]:
    toks = sentence.tokens
    for k in range(i + 1, min(len(toks), i + (_GIVE_REACH if lemma == "give" else 5))):
        w = toks[k].lower
        if (lemma, w) in lx.PHRASAL:
            meaning, strong = lx.PHRASAL[(lemma, w)]
            # a deferral's particle follows the verb ("put back the vote", "put it off"); a far
            # one belongs elsewhere ("put the cup back before lunch")
            between = {t.lower for t in toks[i + 1 : k]}
            if meaning is Meaning.DEFER and k > i + 1 and not (k == i + 2 and toks[i + 1].lower in lx.PRONOUNS) \
                    and not between & (lx.DECISION_NOUNS | lx.REQUEST_NOUNS):
                return None, False, i + 1
            if lemma == "kick" and not _kicked_down_the_calendar(toks, k):
                return None, False, i + 1  # "kicked to death", "kicked into touch"
            if (lemma, w) == ("give", "in") and k > i + 1:
                return None, False, i + 1  # "gave in to demands"; not "will give its ruling in April"
            if (lemma, w) == ("sign", "off") and i == 0 and not (k + 1 < len(toks) and toks[k + 1].word):
                return None, False, i + 1  # "Signing off." (a live blog's last post; not "the plan was signed off.")
            if (lemma, w) == ("sign", "off") and k == i + 1 and i > 0 and toks[i - 1].lower not in lx.BE | {"been", "being"} \
                    and _a_farewell(toks, k + 1):
                return None, False, i + 1  # "the ombudsman signs off", "signs off after 12 years": a farewell
            if (lemma, w) == ("stand", "by") and not (k == i + 1 and _stood_by_a_decision(toks, k + 1)):
                return None, False, i + 1  # "stood by its decision / its plan"; not "stood by her", "stand by for"
            if (lemma, w) == ("set", "aside") and not {t.lower for t in toks[i + 1 : k + 5]} \
                    & _STANDING:
                return None, False, i + 1  # "set aside £2m", "set aside their differences": no ruling undone
            return meaning, strong, k + 1
        if lemma == "give" and w in ("until", "till") and k + 1 < len(toks) and toks[k + 1].word:
            return Meaning.DEFER, False, k + 1  # "gave the firm until Friday to reply": a deadline
        if lemma == "give" and w == "time" and toks[k - 1].lower in _MORE_WORDS:
            return Meaning.DEFER, False, k + 1  # "given more time": not decided yet
        if lemma == "issue" and w in lx.ISSUED_NOUNS and _issues_as_a_verb(toks, i) and _heads_the_object(toks, i, k):
            return Meaning.GRANT, True, k + 1  # "has issued an on-licence for the taproom", "issued a permit"
        if lemma == "give" and (w in lx.GRANT_NOUNS or w == "go-ahead"):
            if w == "green" and not (k + 1 < len(toks) and toks[k + 1].lower == "light"):
                continue
            if any(t.lower in _NOT_GIVEN_BETWEEN or t.lower.endswith("ing") for t in toks[i + 1 : k]):
                return None, False, i + 1  # "gave no reason for withholding approval", "gave up hope of approval"
            return Meaning.GRANT, True, k + 1 + (w == "green")
        if not toks[k].word:
            break
    return None, False, i + 1


_OWNER_NAME_MAX = 4  # words of a possessive owner's name read back past the phrase it owns
_NOT_IN_A_NAME = lx.DETERMINERS | lx.PRONOUNS | lx.PREPOSITIONS | lx.CLAUSE_BREAKS | MONTHS | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday on".split())


_DESCRIPTION_MAX = 3  # words of a description read back from its possessive to its determiner


def _description_start(toks, last: int) -> int:
    """Back from a lower-case possessive to its article: "the water company's" → "the"; a possessive
    with no article within reach keeps to itself."""
    for k in range(last - 1, max(-1, last - _DESCRIPTION_MAX - 1), -1):
        w = toks[k].lower
        if w in ("the", "a", "an"):
            return k
        entry = lx.lookup(w)
        if not toks[k].word or toks[k].cap or w in _NOT_IN_A_NAME or w in lx.AUX or (entry is not None and entry.kind != "phrasal"):
            break  # (a verb ends it: "approved company's"; "water" of "water down" may be a noun)
    return last


def owner_in(sentence: Sentence, theme: Phrase, pronouns: bool = False,
             extra: frozenset[str] = frozenset()) -> Phrase | None:
    """Who owns a request noun inside a phrase: "Ukraine's request", "the Breweries' bid", "a bid
    from X", "the takeover of X by Y" (the by-agent asks, not the thing taken over)."""
    toks = sentence.tokens
    found: list[tuple[int, Phrase]] = []  # (preference, phrase): lower is better
    for k in range(theme.start, theme.end):
        w = toks[k].lower
        if w not in lx.REQUEST_NOUNS and w not in _OWNED and w not in lx.SANCTION_NOUNS and w not in extra:
            continue
        # "X's bid", "Xs' bid": a possessive just before the noun (maybe past an adjective or two);
        # with `pronouns`, "(refused) its application", "(cut) his ban": a decision's owner that is a
        # pronoun, resolved later like any other (a request noun's own event keeps to named owners)
        for back in _words_back(toks, k, theme.start):
            t = toks[back].lower
            if pronouns and t in lx.POSSESSIVES:
                phrase = make_phrase(sentence, back, back + 1)
                if phrase is not None:
                    found.append((1, phrase))
                break
            if (t.endswith(("'s", "’s")) and len(t) > 2) or _plural_possessive(toks, back, before_noun=True):
                last = back if t.endswith(("'s", "’s")) else back - 1
                begin = last
                while begin - 1 >= theme.start and (toks[begin - 1].cap or (
                        toks[begin - 1].lower in ("and", "&", "of") and begin - 2 >= theme.start and toks[begin - 2].cap)):
                    begin -= 1
                # a phrase cut at its length cap may start inside the name: "(that Kestrel) Line's"
                while begin <= theme.start and begin > 0 and last - begin < _OWNER_NAME_MAX and toks[begin - 1].cap \
                        and toks[begin - 1].word and toks[begin - 1].lower not in _NOT_IN_A_NAME:
                    begin -= 1  # (not "In Leeds", "Thursday Kestrel Line's": a preposition or a date)
                if begin == last and not toks[last].cap:
                    begin = _description_start(toks, last)  # "the water company's": the description whole
                phrase = make_phrase(sentence, begin, last + 1)
                if phrase is not None:
                    found.append((1, phrase))
                break
        # "a bid by/from X", "the takeover of X by Y" — scan on past an "of X" for a "by Y"
        j = k + 1
        if j + 2 < len(toks) and toks[j].text == "," and toks[j + 2].lower == "by" and (
                lx.is_participle(toks[j + 1].lower) or toks[j + 1].lower.endswith("ed")
                or toks[j + 1].lower in _PARTICIPLES):
            j += 1  # "The lawsuit, brought by X, ...": the owner in a reduced relative
        while j < min(len(toks), k + 12) and toks[j].word:
            prep = toks[j].lower
            if prep == "of" and j > k + 1:
                pass  # "an appeal with the Court of Arbitration": "of" owns only right after the noun
            elif prep in _OWNER_PREPS:
                phrase = _name_after(sentence, j + 1)
                if phrase is not None and _a_time(phrase):
                    break  # "her plans by January", "the bid from next week": a time owns nothing
                if phrase is not None and (phrase.named or phrase.authority or (
                        prep in ("by", "from") and lx.is_party(phrase.text))):
                    found.append((0 if prep in ("by", "from") else 2, phrase))
                    if prep in ("by", "from"):
                        break
            elif prep in ("for", "to", "against", "over", "on", "that", "which", "in", "at", "after", "pending",
                          "until", "because", "while", "with", "before"):  # "lodged with/before a body"
                break
            elif prep in lx.AUX or prep in lx.NEGATORS:
                break  # "the plan was approved by the council": past its verb, "by" names the decider
            j += 1
        if found:
            break
    if not found:
        return None
    found.sort(key=lambda item: item[0])
    best = found[0][1]
    return best if (best.named or best.authority or len(best.words()) <= 3
                    or (len(best.words()) <= 5 and lx.is_party(best.text))) else None


def _words_back(toks, k: int, floor: int, count: int = 3) -> list[int]:
    """Up to `count` token indices before k (not before `floor`), past a bracketed aside:
    "the government's $280bn (£155bn) claim" reaches "government's"."""
    out: list[int] = []
    j = k - 1
    while j >= floor and len(out) < count:
        if toks[j].text == ")":
            opening = next((m for m in range(j - 1, max(floor - 1, j - 9), -1) if toks[m].text == "("), -1)
            if opening >= 0:
                j = opening - 1
                continue
        out.append(j)
        j -= 1
    return out


# heads of names that go on with "for": "Department for Transport", "Commission for Racial Equality"
_FOR_NAMES = frozenset("department office ministry secretary commission committee council society centre center "
                       "institute campaign court association alliance coalition agency".split())


def _granted_to(sentence: Sentence, theme: Phrase) -> Phrase | None:
    """ "granted the licence to Leisure Parcs", "awarded the contract to X": the named receiver."""
    toks = sentence.tokens
    for k in range(theme.start + 1, min(theme.end, len(toks) - 1)):
        if toks[k].lower == "to" and toks[k + 1].cap:
            return _name_after(sentence, k + 1)
    return None


_NOT_HEARD_YET = frozenset("until till before this next later year week month but instead yet".split())
_CONDITIONS_AND_DEALS = frozenset("if unless settle settles settled settlement".split())
_CLAUSE_ENDS = frozenset("because as since which who now after".split())


def _hears_a_case(sentence: Sentence, group: int, i: int, participle: bool) -> bool:
    """A case turned away, plainly: what is not heard is a case someone brought ("the appeal",
    "their suit", not evidence), and nothing in the sentence makes it a delay, a condition, a
    settlement or a move ("not this year", "if they settle", "not in Hartford but in New Haven")."""
    toks = sentence.tokens
    heard = passive_subject(sentence, group) if participle else object_right(sentence, i + 1)
    if not word_set(heard) & lx.REQUEST_NOUNS:
        return False
    if any(t.lower in _CONDITIONS_AND_DEALS for t in toks):
        return False  # "if they settle", "after a settlement": no refusal
    # after the verb (and its object) and before its clause ends, only "in court" or "by <the
    # court>": no time ("this year", "until May"), no "but in New Haven", no "by the full tribunal"
    k = heard.end if (heard is not None and not participle) else i + 1
    while k < len(toks) and toks[k].word and toks[k].lower not in _CLAUSE_ENDS:
        w = toks[k].lower
        if w in _NOT_HEARD_YET or (w in MONTHS and not toks[k].cap) or not (
                toks[k].cap or w in ("in", "by", "the", "a", "court", "courts", "from")):
            return False
        k += 1
    return True


_SURVEYS = frozenset("survey surveys surveyed respondents pollster pollsters".split())
_FINDINGS = frozenset("found finds showed shows suggested suggests according".split())
_BALLOTS = frozenset("ballot ballots referendum turnout".split())
_VOTERS_COUNTED = frozenset("members postal closed counted".split())


def _a_polled_share(sentence: Sentence, actor: Phrase | None) -> bool:
    """A share of people as the subject ("54 percent", "46% of likely voters") in a sentence about a
    poll: what people told a pollster, which decides nothing (a share of shareholders or of a
    referendum's voters, told without a poll, still votes)."""
    if actor is None:
        return False
    words = [w.lower().strip(".,") for w in actor.text.split()]
    share = any(w in ("percent", "per", "%") or w.endswith("%") for w in words[:4]) or (
        bool(words) and words[0] in ("most", "majority"))
    toks = sentence.tokens
    said = {t.lower for t in toks}
    if not share:
        return False
    if said & _SURVEYS or (said & {"poll", "polls", "polled"} and said & _FINDINGS):
        return True  # "a YouGov poll of members found that 58 per cent rejected": an opinion
    if said & _BALLOTS or said & _VOTERS_COUNTED:
        return False  # "in a postal poll, 64 per cent of members rejected", "when the polls closed": a ballot
    return bool(said & {"poll", "polls", "polled"})


_QUANTIFIERS = frozenset("most many few fewer all half".split())
_APPROXIMATELY = frozenset("another about around nearly almost roughly some just only over under".split())
_RUNS = frozenset("string series spate run number handful raft host succession".split())
_CEASE = frozenset("stop halt cease quit".split())
_PREPOSITIONS = frozenset("in on at for from with to after before until since by about as".split())
# -ing words as often nouns or noun modifiers: "stopped building work", "halted drilling operations"
_NOUN_LIKE_ING = frozenset("""building housing planning parking shipping mining funding training marketing
advertising fishing farming logging drilling fracking dredging gambling filming recording broadcasting
testing construction""".split())


def _a_general_count(sentence: Sentence, theme: Phrase | None, numbered: bool = False) -> bool:
    """What is decided is counted in general ("most claims", "nine in ten applications", "40% of
    bids"): a statistic about many requests. Not "most of the claims", "three of his appeals": a
    count of one party's own. `numbered`: a plain number counts too ("1,320 complaints were
    awaiting"), for what is put off, where one party's requests are seldom numbered."""
    if theme is None:
        return False
    toks = sentence.tokens
    words = [t.lower for t in toks[theme.start : min(theme.end, theme.start + 8)]]
    while words and words[0] in _APPROXIMATELY:
        words = words[1:]  # "another 8 percent of motions", "about 40% of bids"
    words = words[:6]
    if len(words) < 2:
        return False
    number = words[0][:1].isdigit() or words[0] in lx.COUNT_WORDS
    ratio = words[0].endswith("%") or (number and words[1] in ("in", "out", "percent", "per", "%"))
    run = words[1:] if words[0] in ("a", "an") else words
    if len(run) > 2 and run[0] in _RUNS and run[1] == "of":
        return run[2] in lx.REQUEST_NOUNS and run[2].endswith("s")  # "won a string of appeals"
    if not (words[0] in _QUANTIFIERS or ratio or (numbered and number and words[0][:1].isdigit())):
        return False
    for k, w in enumerate(words[1:], start=1):
        if w in lx.DETERMINERS or w.endswith(("'s", "’s")):
            return False  # "most of the claims", "two of her complaints"
        if w in lx.REQUEST_NOUNS:
            nxt = words[k + 1] if k + 1 < len(words) else ""
            # a plural: requests in general; or "injunction motions", "asylum claims": a plural whose
            # first noun says what is asked
            return w.endswith("s") or (nxt.isalpha() and nxt.endswith("s") and nxt not in lx.PREPOSITIONS)
    return False


def _kept_from_doing(toks, i: int, meaning: Meaning | None) -> bool:
    """ "has been blocked from buying the chain", "barred from standing": a refusal of the very thing
    its subject set out to do, as plain as "refused"."""
    return meaning is Meaning.REFUSE and i + 2 < len(toks) and toks[i + 1].lower == "from" \
        and toks[i + 2].lower.endswith("ing") and len(toks[i + 2].lower) > 5


_COUNTED_CASES = frozenset("case review decision ruling application request complaint appeal claim hearing".split())
def _cases_counted(word: str) -> bool:
    """A plural of requests or cases, as a rate counts them: "requests", "hearings", "reviews"."""
    return word.endswith("s") and (word in lx.REQUEST_NOUNS or word.removesuffix("s") in _COUNTED_CASES)


_SHARE_REACH = 16  # words into a theme where a share of requests may be told
_SHARES = frozenset("third thirds quarter quarters half fifth tenth majority proportion share".split())


def _a_share_of_asks(sentence: Sentence, theme: Phrase | None, verb: int) -> bool:
    """ "refused access to more than a third of freedom of information requests", "was granted in 62
    per cent of cases": a share of requests in general, a statistic (not "half of the applications",
    which counts a known set). Read in the object, or after the verb of a passive."""
    toks = sentence.tokens
    start = theme.start if theme is not None and theme.start > verb else verb + 1
    words = [t.lower for t in toks[start : min(len(toks), start + _SHARE_REACH + 4)]]
    end = next((k for k, w in enumerate(words) if w in (",", ";", ":", "that", "which")), len(words))
    words = words[:end]  # "granted the injunction, noting that half of claims fail": another clause
    for k in range(min(len(words), _SHARE_REACH)):
        percent = words[k] in ("percent", "cent") or words[k].endswith("%")
        nxt = words[k + 1] if k + 1 < len(words) else ""
        number_at = k - 2 if words[k] == "cent" else (k if words[k].endswith("%") else k - 1)
        if percent and number_at >= 1 and words[number_at][:1].isdigit() and words[number_at - 1] == "in" and nxt != "of":
            return True  # "was denied in 11 per cent": of the cases counted
        if percent and number_at >= 0 and words[number_at][:1].isdigit() and words[k + 1 : k + 4] == ["of", "the", "time"]:
            return True  # "granted them 11 percent of the time": a rate
        if nxt != "of" or not (words[k] in _SHARES or percent):
            continue
        rest = words[k + 2 : k + 6]
        if rest and not percent and (rest[0] in lx.DETERMINERS or rest[0].endswith(("'s", "’s"))):
            return False  # "half of the applications": a known set ("38 per cent of the requests" is a rate)
        return any(_cases_counted(w) for w in rest)
    return False


_RATE_HEADS = frozenset("proportion share percentage rate".split())  # a rate as the subject
# plurals of those who ask, as a rate counts them: "4% of applicants"
_ASKERS_COUNTED = frozenset("""applicants claimants appellants petitioners candidates asylum seekers
households families people""".split())


def _percent(words: list[str], k: int) -> bool:
    """A percentage ends at word k: "4%", "38 per cent", "12 percent"."""
    w = words[k]
    return (w.endswith("%") and w[:1].isdigit()) or (w == "percent" and k >= 1 and words[k - 1][:1].isdigit()) or (
        w == "cent" and k >= 2 and words[k - 1] == "per" and words[k - 2][:1].isdigit())
_SHARE_HEADS = _RATE_HEADS | frozenset("half third quarter majority".split())  # after "in": "in about half of"


def _a_share_before(sentence: Sentence, verb_start: int) -> bool:
    """ "In about half of completed reviews, the office set aside ...", "The proportion of requests
    granted in full has fallen": the clause before the verb counts cases, so the verb tells a rate."""
    toks = sentence.tokens
    words = [t.lower for t in toks[max(0, verb_start - _SHARE_REACH) : verb_start]]
    for k in range(len(words) - 2):
        if _percent(words, k) and words[k + 1] == "of" and (
                _cases_counted(words[k + 2]) or words[k + 2] in _ASKERS_COUNTED):
            return True  # "4% of applicants were granted asylum": a rate over all who asked
        if words[k] not in _SHARE_HEADS or words[k + 1] != "of" or words[k + 2] in lx.DETERMINERS \
                or words[k + 2].endswith(("'s", "’s")):
            continue  # ("half of his appeals were rejected": one party's own, decided)
        if words[k] not in _RATE_HEADS and "in" not in words[max(0, k - 3) : k]:
            continue  # ("After a number of failed applications, the firm was granted")
        if any(_cases_counted(w) for w in words[k + 2 : k + 5]):
            return True
    return False


def _a_trend(party: Phrase | None) -> bool:
    """ "More homeowners", "fewer students": a comparative count of people, a trend over many cases."""
    words = party.text.lower().split() if party is not None else []
    return len(words) == 2 and words[0] in ("more", "fewer") and words[1].endswith("s")


_MOVES = frozenset("slightly sharply steeply by to from again further back".split())


def _bar_the_noun(toks, i: int) -> bool:
    """ "a wine bar", "the bar has", "Main street bar gets", "behind bars": the place, before a verb or
    after an article."""
    prev = toks[i - 1].lower if i else ""
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if prev in lx.DETERMINERS or prev.endswith(("'s", "’s")) or prev == "behind":
        return True  # ("behind bars": in prison)
    if i > 0 and toks[i - 1].word and not toks[i - 1].cap and prev not in lx.AUX | lx.PRONOUNS | lx.ADVERBS \
            and prev not in ("to", "not", "and", "or") and lx.lookup(prev) is None and nxt in ("in", "on", "at", "near"):
        return True  # "a cocktail bar in a former bank": a noun before it, a place after
    entry = lx.lookup(nxt) if nxt else None
    return nxt in lx.BE | lx.HAVE or nxt in ("said", "says", "owner", "owners", "staff", "manager") \
        or (entry is not None and entry.kind in ("win", "attrib") and nxt.endswith("s"))


def _an_activity(toks, theme: Phrase) -> bool:
    """ "stopped working in 2022", "stopped paying the levy": a gerund with no determiner is a doing
    ceased (but "stopped building work": a gerund that is as often a noun, before another noun)."""
    first = toks[theme.start]
    if not first.lower.endswith("ing") or first.cap or (theme.start and toks[theme.start - 1].lower in lx.DETERMINERS):
        return False
    if first.lower in _NOUN_LIKE_ING:
        nxt = toks[theme.start + 1] if theme.start + 1 < len(toks) else None
        return nxt is None or not nxt.word or nxt.lower in lx.DETERMINERS or nxt.lower in _PREPOSITIONS
    return True


def _a_time(phrase: Phrase) -> bool:
    """ "January", "March 2020", "next week", "early April" (not "March Holdings", "Theresa May")."""
    raw = phrase.text.split()
    words = [w.lower().strip(".,") for w in raw]
    if not words:
        return False
    if words[0] in MONTHS or words[0] in lx.TIME_WORDS:
        return all(w.isdigit() or w in MONTHS or w in lx.TIME_WORDS for w in words[1:])
    if words[0] in ("end", "start", "beginning", "middle") and len(words) >= 3 and words[1] == "of":
        return words[2] in MONTHS or words[2] in ("the", "next", "this")  # "end of June", "end of the year"
    if words[-1] in MONTHS or words[-1] in ("week", "month", "year"):
        return all(not w[:1].isupper() for w in raw[:-1]) and words[0] in ("next", "last", "this", "early", "late", "mid", "the")
    return False


def _name_after(sentence: Sentence, start: int) -> Phrase | None:
    """The name that starts at a token: "the National Teachers' Union", "Brighton and Hove Albion"."""
    toks = sentence.tokens
    end = start
    while end < len(toks) and end - start < 8 and (toks[end].word or _plural_possessive(toks, end)):
        w = toks[end].lower
        if w in NAME_STOPS and not (w in ("of", "and") and end + 1 < len(toks) and toks[end + 1].cap) and not (
            w == "for" and end > start and toks[end - 1].lower in _FOR_NAMES and end + 1 < len(toks) and toks[end + 1].cap
        ):
            break  # "a bid from X | for the striker"; but "Department for Transport" is one name
        if w in ("by", "from") or w in lx.PRONOUNS or (lx.lookup(w) is not None and not toks[end].cap):
            break
        if end > start and not toks[end].cap and (w in lx.AUX or w in lx.NEGATORS):
            break  # "by X has been cleared", "from X was likely": the name ends at its verb
        if end > start and toks[end - 1].cap and not toks[end].cap and (
                w.endswith("ed") or lx.is_attribution(w)) and len(w) > 3:
            break  # "assigned by An Bord Pleanála | recommended that": a capitalised name ends at a verb
        end += 1
    if end - start > 2 and toks[start].text[:1].isdigit() and toks[start + 1].lower == "of":
        start += 2  # "28 of the largest firms": the firms
    phrase = make_phrase(sentence, start, end)
    if phrase is None or phrase.text[:1].isdigit() or phrase.text[:1] in "£$€":
        return None
    return phrase


def _verbish_left(word: str) -> bool:
    entry = lx.lookup(word)
    return word in lx.AUX or word in lx.NEGATORS or (entry is not None and word not in lx.REQUEST_NOUNS
                                                     and entry.lemma not in lx.NOUNISH)


def _plural_possessive(toks, k: int, before_noun: bool = False) -> bool:
    """The apostrophe of "Teachers' Union" (part of a name) or of "the Breweries' bid" (an owner)."""
    if not (toks[k].text in ("'", "’") and k > 0 and toks[k - 1].lower.endswith("s") and k + 1 < len(toks)):
        return False
    if toks[k].start != toks[k - 1].end or toks[k + 1].start == toks[k].end:
        return False  # "faces 'cold calls'" opens a quotation; "Teachers' Union" is attached to its word
    return before_noun or toks[k + 1].cap


# nouns that are a request only with what they aim at: "an attempt to halt", "a move for", not
# "a first-half effort", "the latest move"
_AIMED_NOUNS = frozenset("effort efforts attempt attempts move moves approach action call calls".split())


# what makes an appeal or a claim a call in a game ("penalty appeals", "an lbw appeal"), not a request
_IN_PLAY = frozenset("penalty lbw offside handball".split())
_CALLS = frozenset("offside handball lbw".split())  # a referee's or umpire's call, never a body's ruling


_GAME_WORDS = frozenset("referee referees umpire umpires half match game minute minutes whistle".split())


_PUBLIC = frozenset("""public people anyone anybody motorists drivers witnesses shoppers fans supporters readers
viewers listeners everyone""".split())
# the people something may appeal to, as a product or a politician does (the public, and then some)
_TASTES = _PUBLIC | frozenset("""buyers consumers investors voters audiences customers users children families parents
younger older heartland heartlands electorate""".split())


def _asks_the_public(toks, i: int) -> bool:
    """Asking the public to do something is a plea that nobody decides: "asked the people of the town
    to help", "urged motorists to avoid", "anyone with information is asked to call"."""
    after = [t.lower for t in toks[i + 1 : i + 4]]
    if after and after[0] in ("the", "local") and len(after) > 1:
        after = after[1:]
    if after and after[0] in _PUBLIC and not (len(after) > 1 and (after[1] in ("'s", "’s", "'", "’")
                                                                  or (after[0] == "public" and after[1] != "to"))):
        return True  # ("asked the public inquiry to hear it", "asked fans' groups" ask a body)
    # "officers asked local businesses to check their cameras", "urged residents to come forward
    # with footage": help with an inquiry, which nobody decides
    if toks[i].lower.startswith(("ask", "urg")) and _police_asking(toks, i) and any(
            t.lower == "to" for t in toks[i + 2 : i + 6]) and _help_with_an_inquiry(toks, i + 3, i + 12):
        return True  # (not "the BBC asked the court to release CCTV footage": a body asked to decide)
    if after and after[0] in ("for", "that") and any(w in _THE_PUBLIC_GIVES for w in after[1:]):
        return True  # "appealed for calm", "asked that any donations be made to": the plea's noun, as a verb
    # "anyone with information is asked to call": the passive plea
    return i > 1 and toks[i - 1].lower in ("is", "are", "was", "were") \
        and any(t.lower in ("anyone", "anybody", "witnesses") for t in toks[max(0, i - 6) : i - 1])


_ASKED_AGAIN = frozenset("appeal appeals call calls demand demands plea pleas offer offers bid bids".split())
_THE_PUBLIC_GIVES = frozenset("""witnesses witness calm donations donors volunteers blood anyone restraint sightings
unity patience flowers""".split())
# what police ask of anyone who may help an inquiry ("asked local businesses to check their cameras")
_HELP_WITH_INQUIRIES = frozenset("footage cctv cameras camera dashcam information sightings".split())
_POLICE = frozenset("""police officers officer detectives detective investigators investigator constabulary
force""".split())


def _police_asking(toks, i: int) -> bool:
    return any(t.lower in _POLICE for t in toks[max(0, i - 6) : i])


def _help_with_an_inquiry(toks, start: int, end: int) -> bool:
    """ "to check their cameras for footage", "to come forward": help that nobody decides on."""
    span = toks[start : min(end, len(toks))]
    return any(t.lower in _HELP_WITH_INQUIRIES and not t.cap for t in span) or any(
        a.lower == "come" and b.lower == "forward" for a, b in zip(span, span[1:], strict=False))


def _public_appeal(toks, k: int) -> bool:
    """ "an appeal for witnesses", "a fundraising appeal": a plea to the public, which nobody decides."""
    w = toks[k].lower
    if w not in ("appeal", "appeals"):
        return False
    if k > 0 and toks[k - 1].lower in ("witness", "fundraising", "charity", "christmas"):
        return True
    return k + 1 < len(toks) and toks[k + 1].lower == "for" and any(
        t.lower in _THE_PUBLIC_GIVES for t in toks[k + 2 : k + 5])


_CONTESTED = frozenset("""term re-election reelection election seat leadership presidency nomination office
title crown medal promotion championship cup""".split())


_RACES = frozenset("""presidential mayoral senate congressional gubernatorial parliamentary leadership
re-election reelection title""".split())


def _contest_bid(toks, k: int) -> bool:
    """ "his bid for a fourth term", "their bid for promotion", "a second-term bid", "her
    re-election bid": a run for office or a title, which voters or results settle, no body deciding
    a request."""
    if toks[k].lower not in ("bid", "bids"):
        return False
    before = toks[k - 1].lower if k > 0 else ""
    if before in _RACES or before.endswith("-term"):
        return True
    if k + 1 >= len(toks) or toks[k + 1].lower != "for":
        return False
    head = ""
    for t in toks[k + 2 : k + 6]:  # the head of what is bid for: "a fourth term", not "the cup final hosting rights"
        if not t.word or t.lower in NAME_STOPS or t.lower in lx.AUX or lx.lookup(t.lower) is not None \
                or (t.lower.endswith("ed") and len(t.lower) > 4):
            break  # the phrase ends at its verb: "a fourth term | ended"
        head = t.lower
    return head in _CONTESTED


def _contest_only(toks, theme: Phrase | None) -> bool:
    """Every request noun of the phrase is a run for office ("weighs a second-term bid")."""
    if theme is None:
        return False
    nouns = [k for k in range(theme.start, theme.end) if toks[k].lower in lx.REQUEST_NOUNS]
    return bool(nouns) and all(_contest_bid(toks, k) for k in nouns)


def _public_appeal_only(toks, theme: Phrase) -> bool:
    """Every request noun of the phrase is a public appeal."""
    nouns = [k for k in range(theme.start, theme.end) if toks[k].lower in lx.REQUEST_NOUNS]
    return bool(nouns) and all(_public_appeal(toks, k) for k in nouns)


def _in_play(toks, start: int, end: int) -> bool:
    """ "lbw appeals", "penalty appeals in the second half": a call in a game ("tax penalty appeals"
    before a tribunal are requests)."""
    for k in range(start, min(end, len(toks) - 1)):
        if toks[k].lower in _IN_PLAY and toks[k + 1].lower in ("appeal", "appeals", "claim", "claims", "shout", "shouts"):
            if toks[k].lower != "penalty" or any(t.lower in _GAME_WORDS for t in toks):
                return True
        if toks[k].lower in ("goal", "scoring") and toks[k + 1].lower in ("attempt", "attempts"):
            return True  # "a 32-yard field goal attempt": a try at scoring
    return False


_PITCH_WORDS = _GAME_WORDS | {"penalty", "box"}
_FIELDERS = frozenset("bowler bowlers fielder fielders wicketkeeper keeper fielding".split())
_MATCH_OFFICIALS = frozenset("umpire umpires referee referees linesman linesmen ref".split())
_RECEIVED = frozenset("award awards prize prizes honour honours honor honors invitation invitations donation donations gift gifts".split())
# people who may welcome or back a decision without any power over it (members and shareholders vote)
_BYSTANDERS = _PUBLIC | frozenset("""residents neighbours neighbors locals villagers campaigners parents families
community communities commuters passengers patients businesses traders""".split())
_VOICED_SUPPORT = frozenset(("back", "endorse", "support"))  # (accepting an offer is a decision of one's own)
_VOTES_CAST = frozenset("referendum ballot ballots poll vote".split())  # "residents backed the plan in a referendum" decides
# prepositions after which a bare "-ed" grant verb describes the noun before it rather than grants
_DESCRIBING_PREPS = frozenset("from in at under until between up within".split())  # (not "by": "plans approved by the board" may tell the news)
_AUDIENCES = frozenset("fans audiences audience critics viewers readers listeners".split())  # (voters decide)
# what a side presses for in play: "pressed for a winner", "pushed for an equaliser", "a second goal"
_SCORES = frozenset("winner equaliser equalizer leveller opener goal goals try tries wicket wickets".split())
_SCORE_MODIFIERS = frozenset("late quick early another second third fourth fifth first".split())


def _a_score(toks, theme: Phrase) -> bool:
    """The object is a score in a game: "a winner", "a second goal", "an equaliser"."""
    for k in range(theme.start, min(theme.end, theme.start + 4)):
        w = toks[k].lower
        if w in _SCORES:
            return True
        if w != "for" and w not in lx.DETERMINERS and w not in lx.COUNTS and w not in _SCORE_MODIFIERS:
            return False
    return False
_TACKLES = frozenset("late reckless two-footed high rash crunching heavy clumsy mistimed dangerous strong fair".split())
_OFF_THE_FIELD = frozenset("legal court courts tribunal judicial ban suspension panel hearing lawyers".split())


def _a_tackle(toks, k: int) -> bool:
    """ "went down under a challenge from the captain", "a late challenge on the keeper": a tackle in
    a game, not a challenge before a court or a panel."""
    if toks[k].lower not in ("challenge", "challenges") or not any(t.lower in _PITCH_WORDS for t in toks):
        return False
    if any(t.lower in _OFF_THE_FIELD for t in toks):
        return False
    return (k > 0 and toks[k - 1].lower in _TACKLES) or _next(toks, k) in ("on", "from", "by")


def _noun_request(sentence: Sentence, i: int) -> Event | None:
    """A request noun with an owner ("Ukraine's request for ...", "an appeal by X against ...")."""
    toks = sentence.tokens
    if (i > 0 and _in_play(toks, i - 1, i)) or _public_appeal(toks, i) or _contest_bid(toks, i) or _a_tackle(toks, i):
        return None
    if _inside_a_name(toks, i):
        return None  # "the union's appeal panel", "an appeal court", "the Court of Appeal": a body or a sitting
    if toks[i].lower in _AIMED_NOUNS and _next(toks, i) not in ("to", "for", "against", "by", "from"):
        return None
    if toks[i].lower == "claims" and not (i > 0 and (toks[i - 1].lower.endswith(("'s", "’s", "'")) or toks[i - 1].lower
                                                     in lx.POSSESSIVES)) and _asserts(toks, i):
        return None  # "claims from the Conservatives that the government had failed": an assertion
    if toks[i].lower in ("bid", "bids", "attempt") and _an_escape(toks, i):
        return None  # "the man's bid to get away": an attempt to flee, which nobody decides
    if toks[i].lower in ("appeal", "appeals") and _appeals_to_taste(toks, i):
        return None  # "Halvorsen's appeal to investors": attraction
    if _measure_at(toks, i):
        return None  # "the governor's approval at 46 percent", "approval ratings": a measure
    theme = object_right(sentence, i)
    if theme is None:
        return None
    start = i
    for back in range(i - 1, max(-1, i - 6), -1):
        t = toks[back]
        if t.lower in lx.DETERMINERS - {"its", "their", "his", "her"} or not (t.word or _plural_possessive(toks, back, True)):
            break
        if _verbish_left(t.lower) and not t.cap:
            break
        entry = lx.lookup(t.lower)
        if entry is not None and not t.cap and t.lower not in lx.REQUEST_NOUNS and entry.kind != "attrib" \
                and _is_verb(sentence, back, entry.lemma):
            break  # "Seoul declines Ukrainian request": the verb before the noun ends its owner
        start = back
    span = make_phrase(sentence, start, theme.end)
    if span is None:
        return None
    owner = owner_in(sentence, span)
    if owner is None:
        return None
    return Event(
        kind=EventKind.REQUEST,
        meaning=Meaning.ASK,
        lemma=toks[i].lower,
        sentence=sentence.index,
        index=i,
        theme=span,
        actor=owner,
        beneficiary=owner,
        attribution=attribution_of(sentence, i),
        strong=False,
        verb_start=i,
        verb_text=toks[i].text,
    )


# verbs that hand down a decision: "will give its ruling", "would announce a decision"
def _speaker_for(sentence: Sentence, pronoun: Phrase, descriptions: bool = False) -> Phrase | None:
    """ "X said (that) it would ...": the pronoun is X, the one who says it (with `descriptions`,
    also when X is itself a description: "the club said it")."""
    toks = sentence.tokens
    k = pronoun.start - 1
    if k >= 0 and toks[k].lower == "that":
        k -= 1
    if k < 1 or not lx.is_attribution(toks[k].lower):
        return None
    speaker = subject_left(sentence, _group_start(toks, k))
    if speaker is None or (speaker.pronoun and not (descriptions and speaker.text.lower() not in lx.PRONOUNS)):
        return None
    return speaker


_COMING = frozenset("expected due set likely".split())  # "is expected to make its decision"
_DELIVER = frozenset("""give make announce deliver reach issue hand take publish""".split())
# a decision told as a noun: "the council's rejection of the plans", "the approval of the merger by X"
_NOMINAL_DECISIONS = {"rejection": Meaning.REFUSE, "refusal": Meaning.REFUSE, "veto": Meaning.REFUSE,
                      "dismissal": Meaning.REFUSE, "approval": Meaning.GRANT}
# before the noun, words that make it something wanted, awaited or imagined rather than given
_NOT_GIVEN = frozenset("""for seek seeks seeking sought ask asks asked asking apply applied applies await awaits
awaiting awaited pending need needs needed require requires required want wants wanted any possible
potential likely expected final formal without win wins won gain gains gained get gets got secure secured
receive received obtain obtained""".split())


# what a decision is written out in: "her veto message", "a veto letter"
_WRITTEN_OUT = frozenset("message letter statement memo".split())


def _indefinite_owner(toks, i: int) -> bool:
    """ "any veto message", "a possible veto letter": one not (yet) written."""
    return any(t.lower in ("any", "possible", "potential", "threatened", "expected") for t in toks[max(0, i - 3) : i])


def _noun_decision(sentence: Sentence, i: int) -> Event | None:
    """A decision noun with its decider or its object: "the board's rejection of the bid", "the
    refusal of planning permission", "the approval of the scheme by ministers" — told as a fact."""
    toks = sentence.tokens
    prev = toks[i - 1].lower if i > 0 else ""
    before = {t.lower for t in toks[max(0, i - 3) : i]}
    if before & (_NOT_GIVEN | lx.NEGATORS) or _next(toks, i) in ("from", "for", "to"):
        return None
    if _measure_at(toks, i):
        return None  # "the governor's approval rating has fallen": a measure, not a decision
    owner = None
    if prev.endswith(("'s", "’s")) and toks[i - 1].cap:
        owner = make_phrase(sentence, _name_start(toks, i - 1), i)
    issued = toks[i].lower == "veto" and _next(toks, i) in _WRITTEN_OUT and not _indefinite_owner(toks, i)
    if issued and prev in lx.POSSESSIVES:
        owner = make_phrase(sentence, i - 1, i)  # "in her veto message": she vetoed it (resolved later)
    if _next(toks, i) != "of" and owner is None and not issued:
        return None  # ("a two-page veto message": a veto issued, whoever the article names)
    theme = object_right(sentence, i + 2) if _next(toks, i) == "of" else None
    if theme is not None:
        # "the approval of the merger by the regulator": the by-agent decides
        for k in range(theme.start, theme.end):
            if toks[k].lower == "by" and k + 1 < len(toks):
                owner = owner or _name_after(sentence, k + 1)
                theme = make_phrase(sentence, theme.start, k) or theme
                break
    return Event(
        kind=EventKind.DECISION,
        meaning=_NOMINAL_DECISIONS[toks[i].lower],
        lemma=toks[i].lower,
        sentence=sentence.index,
        index=i,
        actor=owner,
        theme=theme,
        beneficiary=_other_owner(sentence, theme, owner),
        attribution=attribution_of(sentence, i),
        strong=False,
        verb_start=i,
        verb_text=toks[i].text,
    )


def _other_owner(sentence: Sentence, theme: Phrase | None, decider: Phrase | None) -> Phrase | None:
    """Who owns the decided request ("rejection of X's bid"), unless that is the decider again."""
    owner = owner_in(sentence, theme) if theme is not None else None
    if owner is None or (decider is not None and owner.text.lower() in decider.text.lower()):
        return None
    return owner


def _name_start(toks, k: int) -> int:
    """Back from a possessive to the start of its name: "the Harbour Board's" → "Harbour"."""
    start = k
    while start - 1 >= 0 and k - start < 6 and toks[start - 1].word and (toks[start - 1].cap or (
            toks[start - 1].lower in ("of", "and", "&") and start - 2 >= 0 and toks[start - 2].cap)):
        start -= 1  # "the Central Bank of Ireland's": the whole name, past its "of"
    return start


def _delivered(toks, i: int) -> bool:
    """The decision noun is the object of the handing-down verb ("make his final decision"), not
    of a preposition after it ("take legal advice on the ruling")."""
    for k in range(i - 1, max(-1, i - 6), -1):
        w = toks[k].lower
        if w in _DELIVER:
            return True
        if w in ("on", "about", "over", "of", "for", "into", "against") or not toks[k].word:
            return False
    return False


def _inside_a_name(toks, i: int) -> bool:
    """A request noun that names a body or a sitting: "the Court of Appeal", "the Appeals Panel",
    "the appeal court", "an appeal hearing" — not an ask."""
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if bare(nxt) in lx.AUTHORITY_HEADS or nxt in ("hearing", "hearings"):
        return True
    return toks[i].cap and i > 1 and toks[i - 1].lower == "of" and toks[i - 2].cap \
        and bare(toks[i - 2].lower) in lx.AUTHORITY_HEADS


def _noun_deferral(sentence: Sentence, i: int) -> Event | None:
    """ "A ruling is expected in February", "pending a decision", "awaiting approval"."""
    toks = sentence.tokens
    window = [t.lower for t in toks[max(0, i - 3) : i + 4]]
    prev = toks[i - 1].lower if i > 0 else ""
    # "no decision has (yet) been made", "no ruling yet": nothing decided so far
    undecided = prev == "no" and _next(toks, i) not in ("to", "on")
    # "will give its ruling in April", "would announce a decision": a decision still to be made
    before = {t.lower for t in toks[max(0, i - 5) : i]}  # "is due to make his final decision"
    # ("has yet to make a decision": still to come)
    coming = bool(before & (lx.FUTURE | {"would", "yet"} | _COMING) and before & _DELIVER) and _delivered(toks, i)
    if not (set(window) & _DEFER_NOUN_CUES or undecided or coming):
        return None
    not_before = any(t.lower in ("until", "till", "before") for t in toks[i + 1 : i + 6])
    if any(w in lx.NEGATORS for w in window) and not (undecided or coming or not_before):
        return None  # but "will not make a decision until spring", "a ruling is not expected before May" are to come
    actor = None
    if coming:  # "the council will make its decision in May": the subject of "make" is to decide
        start = next(k for k in range(i - 1, max(-1, i - 6), -1) if toks[k].lower in _DELIVER)
        while start > 0 and start > i - 8 and (
                toks[start - 1].lower in lx.AUX - {"to"} | lx.ADVERBS | lx.NEGATORS | _COMING | {"yet"}
                or (toks[start - 1].lower == "to" and start > 1 and toks[start - 2].lower in _COMING | {"yet"})):
            start -= 1  # "is (not) expected to make", "was due to give"; not "took four hours to reach"
        actor = subject_left(sentence, start)
        if actor is not None and actor.pronoun:
            actor = _speaker_for(sentence, actor) or actor  # "the tribunal said it would give its ruling"
    return Event(
        kind=EventKind.DEFERRAL,
        meaning=Meaning.DEFER,
        lemma=toks[i].lower,
        sentence=sentence.index,
        index=i,
        actor=actor,
        polarity=Polarity.AFFIRMED,
        modality=Modality.FACT,
        attribution=attribution_of(sentence, i),
        strong=False,
        verb_start=max(0, i - 1),
        verb_text=sentence.span(max(0, i - 2), min(len(toks), i + 3)),
    )
