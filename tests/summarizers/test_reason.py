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
    RULE_MARGIN,
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


def test_an_analyst_s_comment_another_side_s_urging_or_the_requester_s_words_are_no_reason() -> None:
    sentences, choice, weights = chosen(
        "Court halts phone sales",
        "A court in Mannheim granted Nordtel an injunction halting sales of a rival handset on Wednesday. "
        "Nordtel had asked the court for an injunction against the handset in March. "
        "Analysts said the ruling would not have a big effect on the rival's profits this year. "
        "Consumer groups have urged the court to reconsider, warning that prices would rise. "
        "But Nordtel said the injunction was the only way to protect its patent.")
    assert choice.decision is not None
    texts = " | ".join(c.text for c in reason_candidates(sentences, choice))
    assert "profits" not in texts and "prices would rise" not in texts and "only way" not in texts
    got = reason_for(sentences, choice, weights)[0]
    assert got is None or ("profits" not in got and "prices" not in got and "only way" not in got)


def test_a_sentence_that_restates_the_decision_is_no_candidate() -> None:
    sentences, choice, _ = chosen(
        "Tram extension approved",
        "Ministers have approved the tram extension to the airport. "
        "The extension was approved after a two-year inquiry. "
        "The minister said the line would cut journey times and take 8,000 cars off the road each day.")
    restating = {choice.decision.sentence, *(e.sentence for e in choice.support)}
    assert all(c.sentence not in restating or c.source is not ReasonSource.SENTENCE
               for c in reason_candidates(sentences, choice))


def test_a_deferral_to_a_bare_date_gives_no_reason() -> None:
    assert reason("Depot decision deferred", "The council deferred a decision on the bus depot until its next meeting.") is None


def test_without_fitted_weights_the_rule_s_pick_stands() -> None:
    sentences, choice, weights = chosen("Plant refused", "The council refused the plant because of the noise it would make.")
    unfitted = dataclasses.replace(weights, reason={})
    assert reason_for(sentences, choice, unfitted)[0] == "the noise it would make."


def test_select_keeps_the_rule_unless_another_is_clearly_likelier_and_abstains_without_one() -> None:
    rule = ReasonCandidate("the rule's ground", 1, ReasonSource.RULE, {"bias": 1.0, "src_rule": 1.0})
    other = ReasonCandidate("another ground", 2, ReasonSource.STATEMENT, {"bias": 1.0, "src_statement": 1.0})
    close = {"src_rule": 0.0, "src_statement": RULE_MARGIN / 2, "no_reason": -5.0}  # higher, not by the margin
    assert select([rule, other], close, 1, False) is rule
    far = {"src_rule": -2.0, "src_statement": 2.0, "no_reason": -5.0}
    assert select([rule, other], far, 1, False) is other
    # without a rule's pick, the option of no reason wins when it outscores every candidate
    assert select([other], {"src_statement": -3.0, "no_reason": 1.0}, 1, False) is None
    assert select([other], {"src_statement": 3.0, "no_reason": 1.0}, 1, False) is other
    assert no_reason(True) != no_reason(False)  # a deferral's abstention is fitted apart


def test_select_weighs_abstention_before_taking_the_shorter_clause() -> None:
    sentence = ReasonCandidate("The board said the site floods, because it sits low.", 2, ReasonSource.SENTENCE,
                               {"src_sentence": 1.0})
    clause = ReasonCandidate("it sits low.", 2, ReasonSource.CUE, {"src_cue": 1.0})
    weights = {"src_sentence": 1.0, "src_cue": -1.0, "no_reason": 0.0}
    assert select([sentence, clause], weights, 1, False) is clause  # the sentence won; its clause says it
