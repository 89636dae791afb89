"""The reason ranking (`reason`): candidates near the decision, their features, the fitted choice
among them, the rule's pick kept unless another is clearly likelier, and no reason rather than a
party's argument, an analyst's comment or the decision restated."""

from __future__ import annotations

import dataclasses

from bot.models import Article
from bot.summarizers.heuristic import HeuristicSummarizer
from bot.summarizers.heuristic.budget import Budget
from bot.summarizers.heuristic.choose import choose
from bot.summarizers.heuristic.events import find_events
from bot.summarizers.heuristic.fields import build_fields
from bot.summarizers.heuristic.reason import (
    ReasonCandidate,
    ReasonSource,
    no_reason,
    reason_candidates,
    reason_for,
    select,
)
from bot.summarizers.heuristic.tokens import read_sentences
from bot.summarizers.heuristic.weights import load


def chosen(title: str, text: str):
    budget = Budget.start()
    sentences = read_sentences(title, text, budget)
    events = find_events(sentences, budget)
    weights = dataclasses.replace(load(), threshold=0.0)
    choice, _ = choose(sentences, events, weights)
    build_fields(sentences, events, choice, weights)  # names the decider and the requester on the choice
    return sentences, choice, weights


def reason(title: str, text: str) -> str | None:
    return HeuristicSummarizer().summarize(Article(source="t.txt", title=title, text=text)).reason


def test_the_shipped_weights_rank_reasons() -> None:
    w = load().reason
    assert w, "weights.json holds the reason ranking (bench/fit_reason.py)"
    assert w["grounds"] > 0 and w["short"] < 0  # words of grounds help; a fragment of a few words does not


def test_the_candidates_are_typed_and_near_the_decision() -> None:
    sentences, choice, _ = chosen(
        "Berth refused",
        "The harbour board refused a bid from Calder Ferries for a new berth. "
        "Calder Ferries argued that the berth would bring 80 jobs. "
        "The board said the berth would put fishing boats at risk in the narrow channel.")
    cands = reason_candidates(sentences, choice)
    assert cands and all(isinstance(c, ReasonCandidate) and isinstance(c.source, ReasonSource) for c in cands)
    assert all(abs(c.sentence - choice.decision.sentence) <= 12 for c in cands)
    assert all(c.features["bias"] == 1.0 for c in cands)
    texts = " | ".join(c.text for c in cands)
    assert "fishing boats" in texts
    assert "80 jobs" not in texts  # the requester's argument is no candidate


def test_the_decider_s_ground_beats_the_requester_s_argument() -> None:
    got = reason("Berth refused",
                 "The harbour board refused a bid from Calder Ferries for a new berth on Tuesday. "
                 "Calder Ferries argued that the berth would bring 80 jobs to the town. "
                 "The board said the berth would put fishing boats at risk in the narrow channel.")
    assert got is not None and "fishing boats" in got


def test_a_cue_in_the_decision_s_sentence_is_kept() -> None:
    got = reason("Plant refused", "The council refused the plant, citing the risk of flooding on the site.")
    assert got == "the risk of flooding on the site."


def test_an_analyst_s_comment_or_another_side_s_urging_is_no_reason() -> None:
    got = reason("Court halts phone sales",
                 "A court in Mannheim granted Nordtel an injunction halting sales of a rival handset on Wednesday. "
                 "Analysts said the ruling would not have a big effect on the rival's profits this year. "
                 "Consumer groups have urged the court to reconsider, warning that prices would rise.")
    assert got is None or ("profits" not in got and "prices would rise" not in got)


def test_a_deferral_to_a_bare_date_gives_no_reason() -> None:
    assert reason("Depot decision deferred", "The council deferred a decision on the bus depot until its next meeting.") is None


def test_without_fitted_weights_the_rule_s_pick_stands() -> None:
    sentences, choice, weights = chosen("Plant refused", "The council refused the plant because of the noise it would make.")
    unfitted = dataclasses.replace(weights, reason={})
    assert reason_for(sentences, choice, unfitted)[0] == "the noise it would make."


def test_select_keeps_the_rule_unless_another_is_clearly_likelier_and_abstains_without_one() -> None:
    rule = ReasonCandidate("the rule's ground", 1, ReasonSource.RULE, {"bias": 1.0, "src_rule": 1.0})
    other = ReasonCandidate("another ground", 2, ReasonSource.STATEMENT, {"bias": 1.0, "src_statement": 1.0})
    close = {"src_rule": 0.0, "src_statement": 0.2, "no_reason": -5.0}  # likelier, but not by the margin
    assert select([rule, other], close, 1, False) is rule
    far = {"src_rule": -2.0, "src_statement": 2.0, "no_reason": -5.0}
    assert select([rule, other], far, 1, False) is other
    # without a rule's pick, the option of no reason wins when it is likelier than every candidate
    assert select([other], {"src_statement": -3.0, "no_reason": 1.0}, 1, False) is None
    assert select([other], {"src_statement": 3.0, "no_reason": 1.0}, 1, False) is other
    assert no_reason(True) != no_reason(False)  # a deferral's abstention is fitted apart
