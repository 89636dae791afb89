"""The choice stage, the fields stage and the fitted weights, each on hand-built input."""

from __future__ import annotations

import json
from importlib import import_module, resources

from bot.models import Status
from bot.summarizers.heuristic.budget import Budget
from bot.summarizers.heuristic.choose import (
    Candidate,
    _background,
    _goes_on_from_an_earlier_year,
    acronym_authorities,
    choose,
    decision_candidates,
    status_confidence,
)
from bot.summarizers.heuristic.events import find_events
from bot.summarizers.heuristic.fields import TEXT_CAP, build_fields, trim
from bot.summarizers.heuristic.tokens import read_sentences
from bot.summarizers.heuristic.types import Choice, Event, EventKind, Meaning
from bot.summarizers.heuristic.weights import Weights, load, probability


def stages(title: str, text: str):
    sentences = read_sentences(title, text, Budget.start())
    return sentences, find_events(sentences, Budget.start())


def event(sentence: int, meaning: Meaning = Meaning.REFUSE) -> Event:
    return Event(kind=EventKind.DECISION, meaning=meaning, lemma="reject", sentence=sentence, index=0)


def test_weights_file_is_package_data_and_loads() -> None:
    raw = json.loads(resources.files("bot.summarizers.heuristic").joinpath("weights.json").read_text())
    assert "tune" in raw["fitted_on"]
    w = load()
    assert 0.5 <= w.threshold <= 1.0 and w.decision and w.requester


def test_probability_is_a_logistic() -> None:
    assert probability({"bias": 0.0}, {"bias": 1.0}) == 0.5
    assert probability({"bias": 100.0}, {"bias": 1.0}) > 0.99


def test_status_confidence_is_the_best_candidate_alone() -> None:
    two = [Candidate(event(1), {}, 0.6), Candidate(event(2), {}, 0.6)]
    assert status_confidence(two) == 0.6


def test_two_sentences_that_say_it_is_not_decided_yet_or_partly_granted_join() -> None:
    def deferral(sentence: int) -> Event:
        return Event(kind=EventKind.DEFERRAL, meaning=Meaning.DEFER, lemma="defer", sentence=sentence, index=0)

    pending = [Candidate(deferral(1), {}, 0.6), Candidate(deferral(2), {}, 0.5), Candidate(deferral(3), {}, 0.5)]
    assert abs(status_confidence(pending) - 0.8) < 1e-9  # two sentences, not three
    one_sentence = [Candidate(deferral(1), {}, 0.6), Candidate(deferral(1), {}, 0.5)]
    assert status_confidence(one_sentence) == 0.6
    cut = [Candidate(event(1, Meaning.PARTIAL), {}, 0.6), Candidate(event(2, Meaning.PARTIAL), {}, 0.5)]
    assert abs(status_confidence(cut) - 0.8) < 1e-9  # "ban cut" in the headline and "reduced" in the lede


def test_todays_decision_steps_before_the_background_refusals() -> None:
    sentences, events = stages(
        "Superstore plan finally approved",
        "The planning committee voted nine to three to grant permission for the store on Tuesday. "
        "The chain's first application was refused in 2008, and an appeal was dismissed by an inspector in 2010.")
    choice, ranked = choose(sentences, events, load())
    assert ranked[0].event.status() is Status.APPROVED
    assert choice.status in (Status.APPROVED, Status.UNKNOWN)


def test_a_decision_on_a_separate_request_is_not_the_articles_decision() -> None:
    sentences, events = stages(
        "Ferry money answer months away",
        "Ministers said they could not yet commit to the £28m the islands need for two new ferries. "
        "The minister agreed to the council's separate request for £150,000 towards a bridge study.")
    _, ranked = choose(sentences, events, load())
    assert all(c.event.lemma != "agree" for c in ranked)


def test_a_refusal_dated_to_an_earlier_month_is_background() -> None:
    sentences, events = stages("Biscuit maker weighs higher offer",
                               "The board rejected an offer of 210p in March as too low.")
    [rejected] = [e for e in events if e.lemma == "reject"]
    assert _background(sentences[rejected.sentence], rejected)


def test_a_refusal_reported_past_a_long_adjunct_is_todays_news() -> None:
    # the pluperfect of reported speech: "disclosed (when, where, to whom) that X had refused"
    sentences, events = stages("Refiner loses bid for waiver",
                               "Harlow Oil disclosed Tuesday in a filing with the Securities and Exchange "
                               "Commission that the agency had turned down its petition for a waiver.")
    [refused] = [e for e in events if e.lemma == "turn"]
    assert not _background(sentences[refused.sentence], refused)
    # but a pluperfect with no reporting verb over it is still the step before
    sentences, events = stages("Refiner tries again",
                               "The agency had turned down its petition for a waiver in a filing with the "
                               "regulator, and the firm has now applied again.")
    [refused] = [e for e in events if e.lemma == "turn"]
    assert _background(sentences[refused.sentence], refused)


def test_sentences_after_one_that_opens_on_a_year_go_on_telling_that_year() -> None:
    sentences, events = stages("Engineer looks back", "Mrs Hale ran the firm for eight years. "
                               "In 2001, a rival offered £95m for the company. The board rejected the approach. "
                               "The board has now agreed to a sale.")
    [rejected] = [e for e in events if e.lemma == "reject"]
    [agreed] = [e for e in events if e.lemma == "agree"]
    assert _goes_on_from_an_earlier_year(sentences, rejected)
    assert not _goes_on_from_an_earlier_year(sentences, agreed)  # told from today


def test_a_sentence_with_its_own_time_tells_todays_news_after_a_dated_one() -> None:
    sentences, events = stages("Firm wins at last", "In 2015, the firm applied for a licence. "
                               "On Friday the council approved it.")
    [approved] = [e for e in events if e.lemma == "approve"]
    assert not _goes_on_from_an_earlier_year(sentences, approved)


def test_a_side_decision_told_late_with_also_states_no_status() -> None:
    title = "Mast hearing put off again"
    text = ("Residents packed the hall on Tuesday night. The zoning board heard three hours of testimony. "
            "Neighbours said the tower would loom over the park. An engineer for the group spoke at length. "
            "The board also agreed to a request from neighbours to hold a balloon test.")
    sentences, events = stages(title, text)
    choice, _ = choose(sentences, events, load())
    assert choice.status is Status.UNKNOWN
    # the same "also" after the main outcome in the lede adds to it
    sentences, events = stages("Mast refused", "The zoning board refused the mast on Tuesday. Residents cheered. "
                               "The engineer spoke. The chair thanked everyone. "
                               "The board also refused a second mast.")
    choice, _ = choose(sentences, events, load())
    assert choice.status is Status.DECLINED


def test_only_background_decisions_state_no_status() -> None:
    sentences, events = stages(
        "Bus station saved",
        "The civic society's first application was turned down in 2012 after experts advised against it. "
        "Campaigners gathered outside the building on Tuesday.")
    choice, ranked = choose(sentences, events, load())
    assert ranked and ranked[0].features.get("background")
    assert choice.status is Status.UNKNOWN


def test_overturning_an_earlier_grant_is_no_second_half_of_a_partial() -> None:
    sentences, events = stages(
        "Wind farm blocked by appeals board",
        "An appeals board has refused permission for a wind farm, overturning a decision by the county "
        "council to grant it last year.")
    choice, _ = choose(sentences, events, load())
    assert choice.status is Status.DECLINED
    sentences, events = stages("Court rules on fine and ban",
                               "The court upheld the fine but quashed the ban, reversing the ruling of the lower court.")
    assert choose(sentences, events, load())[0].status is Status.PARTIAL


def test_status_confidence_joins_sentences_that_agree(monkeypatch) -> None:
    monkeypatch.setattr(import_module("bot.summarizers.heuristic.choose"), "SUPPORT", 3)
    one = [Candidate(event(1), {}, 0.6)]
    two = [Candidate(event(1), {}, 0.6), Candidate(event(2), {}, 0.6)]
    same_sentence = [Candidate(event(1), {}, 0.6), Candidate(event(1), {}, 0.6)]
    other_status = [Candidate(event(1), {}, 0.6), Candidate(event(2, Meaning.GRANT), {}, 0.6)]
    assert status_confidence(one) == 0.6
    assert abs(status_confidence(two) - 0.84) < 1e-9
    assert status_confidence(same_sentence) == 0.6
    assert status_confidence(other_status) == 0.6
    assert status_confidence([]) == 0.0


def test_below_the_threshold_the_status_is_unknown_and_nothing_is_guessed() -> None:
    sentences, events = stages("Board rejects ferry bid", "The harbour board rejected a bid from Calder Ferries.")
    sure = Weights({"bias": 5.0}, {"bias": 1.0}, 0.5)
    unsure = Weights({"bias": -5.0}, {"bias": 1.0}, 0.5)
    assert choose(sentences, events, sure)[0].status is Status.DECLINED
    choice, _ = choose(sentences, events, unsure)
    assert choice.status is Status.UNKNOWN and choice.decision is None
    fields = build_fields(sentences, events, choice, unsure)
    assert (fields.requester, fields.request, fields.decided_by, fields.decision, fields.reason) == (None,) * 5


def test_candidates_describe_headline_and_lede() -> None:
    sentences, events = stages("Board rejects ferry bid", "The harbour board rejected a bid from Calder Ferries.")
    cands = decision_candidates(sentences, events)
    by_sentence = {c.event.sentence: c.features for c in cands if c.event.kind is not EventKind.REQUEST}
    assert by_sentence[0]["headline"] == 1.0 and by_sentence[1]["lede"] == 1.0
    assert by_sentence[1]["owner"] == 1.0 and by_sentence[1]["agree"] == 1.0


def test_fields_name_requester_decider_and_reason() -> None:
    sentences, events = stages(
        "Board rejects ferry bid",
        "The harbour board rejected a bid from Calder Ferries for a new berth, citing the risk to fishing boats.",
    )
    weights = load()
    choice, _ = choose(sentences, events, Weights(weights.decision, weights.requester, 0.0))
    fields = build_fields(sentences, events, choice, weights)
    assert fields.requester == "Calder Ferries"
    assert fields.decided_by and "harbour board" in fields.decided_by
    assert fields.reason and "fishing boats" in fields.reason
    assert fields.evidence["decision"] in {s.text for s in sentences}


def test_trim_caps_on_a_word() -> None:
    text = "word " * 200
    out = trim(text, TEXT_CAP)
    assert len(out) <= TEXT_CAP and out.endswith("…")
    assert trim("  a short one, ", TEXT_CAP) == "a short one"


def test_choice_is_a_typed_value() -> None:
    choice = Choice(Status.PENDING, 0.7)
    assert choice.support == [] and choice.requester is None


def test_a_request_announced_in_the_lede_is_a_pending_candidate() -> None:
    sentences, events = stages("Growers to sue", "The Vale Growers' Cooperative will sue the water board.")
    cands = [c for c in decision_candidates(sentences, events) if c.event.kind is EventKind.REQUEST]
    assert cands and all(c.event.status() is Status.PENDING and c.features["req_bias"] == 1.0 for c in cands)


def test_a_request_told_in_the_past_is_no_pending_candidate() -> None:
    sentences, events = stages("Growers sue", "The Vale Growers' Cooperative sued the water board.")
    assert [c for c in decision_candidates(sentences, events) if c.event.kind is EventKind.REQUEST] == []


def test_an_article_that_leads_with_an_appeal_is_about_the_appeal() -> None:
    sentences, events = stages(
        "Union to fight ruling",
        "The Dockers' Union will appeal against the ruling. The pay claim was rejected by the tribunal last week.",
    )
    assert any(e.lemma == "reject" for e in events)
    statuses = {c.event.status() for c in decision_candidates(sentences, events)}
    assert statuses == {Status.PENDING}


def test_a_decision_on_the_appeal_still_counts() -> None:
    sentences, events = stages(
        "Union loses ruling fight",
        "The Dockers' Union appealed against the ruling. Its appeal was rejected by the tribunal.",
    )
    statuses = {c.event.status() for c in decision_candidates(sentences, events)}
    assert Status.DECLINED in statuses


def test_stopping_what_was_asked_to_be_stopped_grants_the_request() -> None:
    sentences, events = stages(
        "Court halts rival's sales",
        "Brenford Tools asked the court for an injunction against a rival drill. Judges halted sales of the drill.",
    )
    statuses = {c.event.lemma: c.event.status() for c in decision_candidates(sentences, events)}
    assert statuses.get("halt") is Status.APPROVED


def test_blocking_a_request_still_refuses_it() -> None:
    sentences, events = stages(
        "Watchdog blocks merger",
        "Rivals asked the watchdog to block the merger. The watchdog blocked the merger of the two dairies.",
    )
    statuses = {c.event.lemma: c.event.status() for c in decision_candidates(sentences, events)}
    assert statuses.get("block") is Status.DECLINED


def test_a_dated_earlier_decision_is_background() -> None:
    sentences, events = stages(
        "Council rejects new bid",
        "The council rejected a new bid for the quarry. An earlier plan was approved last year.",
    )
    feats = {c.event.lemma: c.features for c in decision_candidates(sentences, events)}
    assert feats["approve"]["background"] == 1.0 and feats["reject"]["background"] == 0.0
    assert feats["reject"]["other_in_lede"] == 0.0


def test_a_body_status_that_contradicts_the_headline_is_unsure() -> None:
    sentences, events = stages("Council rejects marina plan", "The harbour board approved the marina plan.")
    body_first = Weights({"bias": 2.0, "lede": 2.0}, {"bias": 1.0}, 0.5)
    choice, cands = choose(sentences, events, body_first)
    assert cands[0].event.sentence == 1 and choice.status is Status.UNKNOWN


def _features(title: str, text: str, lemma: str) -> list[dict[str, float]]:
    sentences, events = stages(title, text)
    return [c.features for c in decision_candidates(sentences, events) if c.event.lemma == lemma]


def test_a_decision_told_again_with_the_same_verb_is_restated() -> None:
    text = ("The council has rejected a plan for a new quarry at Brinley. Residents had opposed it for months. "
            "Councillors rejected the plan by nine votes to two.")
    told = _features("Quarry plan thrown out", text, "reject")
    assert [f["restated"] for f in told] == [1.0, 1.0]
    once = _features("Quarry plan thrown out", "The council has rejected a plan for a new quarry at Brinley.", "reject")
    assert [f["restated"] for f in once] == [0.0]


def test_a_contest_won_is_a_decided_request_and_a_match_won_is_not() -> None:
    fight = _features("Brewer wins", "Harlow Brewing has won its legal fight to keep its old name.", "win")
    assert [f["won_contest"] for f in fight] == [1.0]
    case = _features("Brewer loses", "Harlow Brewing has lost the case against its former owner.", "lose")
    assert [f["won_contest"] for f in case] == [1.0]
    rights = _features("Club wins", "The club won the rights to host the final.", "win")
    assert [f["won_contest"] for f in rights] == [1.0]
    assert all(f["won_contest"] == 0.0 for f in _features("Club wins", "The club won the match on Sunday.", "win"))


def test_an_acronym_defined_for_a_body_decides_like_the_body() -> None:
    text = ("The Board of Appeal for Shipping (BAS) heard the case on Monday. Marlow Freight (MF) asked for a "
            "new licence. The BAS rejected the request.")
    sentences, events = stages("Licence bid fails", text)
    assert acronym_authorities(sentences) == {"bas"}
    by_actor = {c.event.actor.text: c.features["actor_authority"] for c in decision_candidates(sentences, events)
                if c.event.lemma == "reject" and c.event.actor is not None}
    assert by_actor == {"BAS": 1.0}
    spelled = read_sentences("H", "The US Anti-Doping Agency (USADA) brought charges.", Budget.start())
    assert acronym_authorities(spelled) == {"usada"}


def test_an_obituary_tells_a_life_not_a_decision() -> None:
    title = "Former council leader dies"
    text = ("Margaret Hale, who led Easton council for 12 years, has died aged 88. "
            "In 1979 she won a battle to keep the town's library open. "
            "She secured government grants for the new harbour, which the council approved in 1984.")
    sentences, events = stages(title, text)
    choice, _ = choose(sentences, events, load())
    assert choice.status is Status.UNKNOWN
    assert not any(e.lemma == "grant" for e in events)  # "secured government grants": money won, a noun


def test_a_refusal_named_inside_an_allowed_appeal_is_the_step_before() -> None:
    sentences, events = stages("Incinerator to be built", "Ministers have allowed an appeal by Ardmore Waste "
                               "against Easton District Council's refusal of planning permission for the plant.")
    choice, _ = choose(sentences, events, load())
    assert choice.status is Status.APPROVED


def test_a_clause_that_opens_on_a_month_is_background() -> None:
    sentences, events = stages("Patient to get drug", "The drug is costly, and in August the same panel turned "
                               "down a request from her doctor.")
    [turned] = [e for e in events if e.lemma == "turn"]
    assert _background(sentences[turned.sentence], turned)
