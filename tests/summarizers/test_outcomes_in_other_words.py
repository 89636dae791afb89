"""Outcomes told in other words than "approved" / "refused": signed into law, waved through, found
in one's favour, referred on, under review, "will now go ahead after" a grant, a refusal backed or
overturned; decisions told as the step before the news ("three years after its first bid was
knocked back", "appealed after councillors rejected it"); and what looks like a decision or a
deferral but is none (a statistic, a pastime stopped, a power to review, a side reading a ruling or
weighing whether to ask, a game's "pressed for a winner")."""

from __future__ import annotations

import importlib

import pytest

from bot.models import Article, Status
from bot.summarizers.heuristic import HeuristicSummarizer
from bot.summarizers.heuristic.budget import Budget
from bot.summarizers.heuristic.events import find_events, sentence_events
from bot.summarizers.heuristic.tokens import Sentence, read_sentences, tokenize
from bot.summarizers.heuristic.types import EventKind
from bot.summarizers.heuristic.weights import load

choose_module = importlib.import_module("bot.summarizers.heuristic.choose")


def sent(text: str) -> Sentence:
    return Sentence(1, text, tokenize(text))


def statuses(text: str) -> set[Status]:
    return {e.status() for e in sentence_events(sent(text)) if e.kind is not EventKind.REQUEST}


def brief(title: str, text: str):
    return HeuristicSummarizer().summarize(Article(source="t.txt", title=title, text=text))


@pytest.mark.parametrize("text, status", [
    ("The governor signed the bill into law on Friday.", Status.APPROVED),
    ("The president signed into law a measure that expands the programme.", Status.APPROVED),
    ("The council rubber-stamped the plans on Monday night.", Status.APPROVED),
    ("The merger was waved through by the competition watchdog.", Status.APPROVED),
    ("Judges found in favour of the airline.", Status.APPROVED),
    ("The tribunal ruled in his favour.", Status.APPROVED),
    ("The school will now be allowed to open a sixth form.", Status.APPROVED),
    ("The deal has been referred to the Competition Commission.", Status.PENDING),
    ("Ministers referred the takeover to the Competition Commission.", Status.PENDING),
    ("The plans are under review.", Status.PENDING),
    ("The application remains under consideration by the council.", Status.PENDING),
    ("The decision has been put on hold until the spring.", Status.PENDING),
    ("A decision is not expected until next year.", Status.PENDING),
    ("The home secretary has still to decide whether to extradite him.", Status.PENDING),
    ("The club was granted a smaller grant than it had asked for.", Status.PARTIAL),
    ("A judge backed the city council's refusal to let campaigners use the square.", Status.DECLINED),
    ("An appeal panel overturned the decision to refuse him a work permit.", Status.APPROVED),
])
def test_an_outcome_in_other_words(text: str, status: Status) -> None:
    assert status in statuses(text), statuses(text)


@pytest.mark.parametrize("text", [
    "The club signed the striker on a three-year deal.",
    "She signed a contract with the label in 2001.",
    "He was referred to a specialist at the hospital.",
    "The minister referred to the court's ruling in her speech.",
    "The case was referred to in the report as a warning.",
    "The stadium is under construction.",
    "The plans are no longer under review.",
    "Most claims were accepted, the industry body said.",
    "Nine in ten applications are approved, figures show.",
    "She stopped working in 2022 after a spinal fusion.",
    '"If we break the rules, the council can review the licence," he said.',
    "Mr Allard said the parish council would consider asking the minister to call in the application.",
    "The care home said it was disappointed and was considering the judgment carefully.",
    "The family had asked that parole be refused until his widow had died.",
    "The police asked members to suspend or revoke the licence.",
    "Main street bar gets its extra two hours",
    "Complaints about the scheme fell slightly, to 187.",
    "The most common issues were delays in the grievance process.",
    "Owners who stopped paying the levy were at particular risk.",
    "The inquest was adjourned for six months.",
])
def test_no_decision_and_nothing_put_off(text: str) -> None:
    found = {e.status() for e in sentence_events(sent(text)) if e.kind is not EventKind.REQUEST}
    assert found <= {Status.UNKNOWN}, found


@pytest.mark.parametrize("text, status", [
    ("The court stopped the sale of the land.", Status.DECLINED),
    ("The council stopped building work on the site.", Status.DECLINED),
    ("Two of her complaints were upheld.", Status.APPROVED),
    ("The panel is considering the application.", Status.PENDING),
    ("The judge said she was considering the judgment and would give it next week.", Status.PENDING),
    ("The board cannot decide until May.", Status.PENDING),
])
def test_the_same_words_still_decide(text: str, status: Status) -> None:
    assert status in statuses(text), statuses(text)


@pytest.mark.parametrize("text", [
    "Taradale's bowlers, led by their captain, appealed for what seemed like everything.",
    "The family have asked that any donations be made to the refugee charity she founded.",
])
def test_asks_that_nobody_decides(text: str) -> None:
    assert not [e for e in sentence_events(sent(text)) if e.kind is EventKind.REQUEST]


def test_the_same_constructions_still_read_when_they_decide() -> None:
    assert Status.DECLINED in statuses("His bid fell at the first hurdle.")
    assert Status.PENDING in statuses("The hearing of his appeal was adjourned until May.")
    assert Status.PENDING in statuses("The council agreed to reconsider it once data from the trial were available.")
    assert Status.DECLINED in statuses("Ministers voted to suspend or revoke the licence.")


def test_pressing_for_a_winner_is_play_not_a_request() -> None:
    asks = [e for e in sentence_events(sent("Wexham pressed for a winner, and Dawes found it late on."))
            if e.kind is EventKind.REQUEST]
    assert not asks
    assert [e for e in sentence_events(sent("The union pressed for a pay rise.")) if e.kind is EventKind.REQUEST]


def _background_lemmas(text: str) -> set[str]:
    budget = Budget.start()
    sentences = read_sentences("", text, budget)
    events = find_events(sentences, budget)
    _, cands = choose_module.choose(sentences, events, load())
    return {c.event.lemma for c in cands if c.features.get("background")}


@pytest.mark.parametrize("text, lemma", [
    ("The state will fund two-thirds of the levee, three years after the town's first application "
     "for help was knocked back.", "knock"),
    ("Harlow Homes lodged the appeal last summer after councillors rejected the outline application.", "reject"),
    ("The inspector quashed the council's refusal of planning permission.", "refusal"),
])
def test_the_step_before_the_news_is_background(text: str, lemma: str) -> None:
    assert lemma in _background_lemmas(text)


@pytest.mark.parametrize("text", [
    "The council approved the plan after talks with residents.",
    "Protests began two days after the council rejected the plan.",
])
def test_a_decision_after_talks_or_before_protests_is_the_news(text: str) -> None:
    assert not _background_lemmas(text)


def test_will_now_go_ahead_after_a_grant_names_the_body() -> None:
    b = brief("Bypass to go ahead",
              "The £46m Kirkmoor bypass will now go ahead after the Transport Secretary approved the scheme.\n\n"
              "Work will start in the spring, the county council said.")
    assert b.status is Status.APPROVED
    assert "Transport Secretary" in (b.decided_by or "")


def test_a_refusal_overturned_on_appeal_is_approved() -> None:
    b = brief("Club wins work permit appeal",
              "Ashdown Rovers can now sign the midfielder after an appeal panel overturned the decision "
              "to refuse him a work permit.\n\n"
              "The Home Office had turned down the application in August because he had played too few "
              "international matches.")
    assert b.status is Status.APPROVED


@pytest.mark.parametrize("text", [
    "The inspectorate has stood by its decision to close the ward, despite a petition from patients.",
    "The commission stands by its plan to merge the two districts.",
])
def test_standing_by_ones_own_decision_refuses_the_challenge(text: str) -> None:
    assert Status.DECLINED in statuses(text)


@pytest.mark.parametrize("text", [
    "She has stood by her husband throughout the trial.",
    "Paramedics were asked to stand by at the ground.",
])
def test_standing_by_a_person_or_at_the_ready_decides_nothing(text: str) -> None:
    assert not statuses(text)


def test_a_noun_asked_for_is_no_deferral() -> None:
    # "review" after an asking verb is what is asked for, not a review under way
    events = sentence_events(sent("More tenants seek independent review of repair disputes."))
    assert [e.kind for e in events] == [EventKind.REQUEST]


def test_going_ahead_after_a_bodys_finding_is_a_permission_owned_by_the_buyer() -> None:
    s = sent("Harbour Foods' £12m purchase of Dunmore Dairies can go ahead after competition regulators "
             "concluded that the deal would not harm shoppers.")
    go = next(e for e in sentence_events(s) if e.lemma == "go ahead")
    assert go.status() is Status.APPROVED
    assert go.actor is not None and go.actor.text == "competition regulators"
    assert go.beneficiary is not None and go.beneficiary.text.startswith("Harbour Foods")


def test_going_ahead_after_a_partys_word_is_no_permission() -> None:
    s = sent("The sale of the ground can go ahead after the club said it would repay the loan.")
    assert not any(e.lemma == "go ahead" for e in sentence_events(s))


def test_the_buyers_whole_name_though_the_subject_is_cut_at_its_cap() -> None:
    s = sent("The authority said on Tuesday that Northgate Ferry Line's £90m purchase of its smaller "
             "rival Tarrow Boats can go ahead.")
    go = next(e for e in sentence_events(s) if e.lemma == "go ahead")
    assert go.beneficiary is not None and go.beneficiary.text == "Northgate Ferry Line's"


@pytest.mark.parametrize("text", [
    "Judges in the district rarely grant emergency motions.",
    "The committee usually approves such requests within a month.",
    "Judges granted restraining orders 11 percent of the time.",
    "Another 8 percent of preliminary injunction motions were granted in part.",
    "The review found little difference between judges in overall grant rates.",
])
def test_habits_and_rates_are_no_decision(text: str) -> None:
    assert statuses(text) <= {Status.UNKNOWN}  # a habit may be read, as a hypothetical: no outcome


def test_less_than_first_proposed_is_a_partial_grant() -> None:
    events = sentence_events(sent("Tax bills will go up next year, but not as much as the board first proposed."))
    assert Status.PARTIAL in {e.status() for e in events}
    # a comparison with what was feared asks nothing
    assert statuses("The rent will rise, but not as much as tenants feared.") <= {Status.UNKNOWN}


@pytest.mark.parametrize("text", [
    "The club will find out next week whether its appeal has succeeded.",
    "Residents must wait until May to learn if the council will approve the scheme.",
])
def test_waiting_to_learn_whether_a_request_succeeds_is_pending(text: str) -> None:
    assert Status.PENDING in statuses(text)


@pytest.mark.parametrize("text", [
    "We will find out whether the new timetable works.",
    "She did not know whether the board would approve it.",
    "He found out on Monday whether his appeal had succeeded.",
])
def test_learning_whether_something_else_holds_is_no_deferral(text: str) -> None:
    assert Status.PENDING not in statuses(text)


def test_an_amount_short_of_what_was_asked_told_in_the_next_sentence_is_partial() -> None:
    title = "Borough to get 30 new wardens"
    text = ("Thirty more street wardens will patrol the borough from April, the department has confirmed. "
            "The figure is well short of the 90 the borough council had asked for.")
    events = find_events(read_sentences(title, text, Budget.start()), Budget.start())
    assert any(e.status() is Status.PARTIAL for e in events)
    ask = next(e for e in events if e.lemma == "ask")
    assert ask.actor is not None and ask.actor.text == "borough council"  # not "well short of the 90 the ..."
    assert ask.theme is None  # "asked for." names no object


def test_a_shortfall_with_no_outcome_before_it_is_no_decision() -> None:
    assert statuses("The appeal raised £2m, well short of the £5m the trust had wanted.") <= {Status.UNKNOWN}


@pytest.mark.parametrize("text", [
    "The company was losing money on almost every contract it signed.",
    "The factory lost 200 jobs last year.",
])
def test_losses_in_the_run_of_trade_decide_nothing(text: str) -> None:
    assert not statuses(text)


@pytest.mark.parametrize("text", [
    "An inspector overruled the council on Thursday.",
    "The board overruled its own inspector.",
    "Councillors overruled their planning officers.",
])
def test_overruling_a_body_or_its_advisers_tells_no_direction(text: str) -> None:
    assert not statuses(text)


def test_an_outcome_read_from_a_written_decision_is_narrated() -> None:
    s = sent("He was granted day parole for six months, according to a written decision seen by the paper.")
    grant = next(e for e in sentence_events(s) if e.lemma == "grant")
    assert grant.attribution.speaker is None
    s = sent("He was granted day parole, according to his lawyer.")
    grant = next(e for e in sentence_events(s) if e.lemma == "grant")
    assert grant.attribution.speaker == "his lawyer"


def test_a_veto_written_out_is_a_refusal() -> None:
    assert Status.DECLINED in statuses("In her veto message, the governor said the bill went too far.")
    assert Status.DECLINED not in statuses("Lobbyists had urged her to send any veto message by Friday.")


def test_an_item_taken_off_the_agenda_is_put_off() -> None:
    assert Status.PENDING in statuses("Shortly before the meeting, the item was withdrawn from the agenda.")
    assert Status.PENDING not in statuses("The mayor pulled the item from the agenda-setting talks.")


def test_passing_a_motion_to_table_told_in_the_sentence_before_puts_the_request_off() -> None:
    title = "Solar farm vote put off"
    text = ("A commissioner made a motion to table the rezoning until December. "
            "The county commission approved that motion 2 to 1.")
    events = find_events(read_sentences(title, text, Budget.start()), Budget.start())
    approve = next(e for e in events if e.lemma == "approve")
    assert approve.status() is Status.PENDING


def test_what_a_party_can_now_do_after_a_body_acted_is_a_permission() -> None:
    events = sentence_events(sent("Harfield Independents can now stand candidates under their own name after the "
                                  "Electoral Commission added the party to the register."))
    now = next(e for e in events if e.lemma == "can now")
    assert now.status() is Status.APPROVED and now.actor is not None and "Commission" in now.actor.text
    for text in ("The club can now play at home after the weather improved.",
                 "He hopes he can now return after the board met.",
                 "The shop cannot now open after the council refused it."):
        assert not any(e.lemma == "can now" for e in sentence_events(sent(text)))


def test_rejecting_a_sides_claim_of_a_wrong_is_a_refusal_and_claims_of_a_cover_up_are_not() -> None:
    assert Status.DECLINED in statuses("The panel rejected the club's claim of wrongful dismissal.")
    assert Status.DECLINED not in statuses("The minister rejected claims of a cover-up.")


def test_decisions_a_body_has_put_off_in_a_clause_that_describes_them_defer_nothing() -> None:
    assert Status.PENDING not in statuses("The next board will face decisions the current one has put off.")
    assert Status.PENDING in statuses("The council has put off the vote until May.")
