"""Decision and request words used in other senses decide and ask nothing: a firm named "Grant", a
"refuse collection", a "housing grant", a plea of guilty, an appeal for calm, a tackle, the appeal
of a thing; the speaker "I" is no requester; and the same words in their usual senses still count."""

from __future__ import annotations

import pytest

from bot.models import Article, Status
from bot.summarizers.heuristic import HeuristicSummarizer
from bot.summarizers.heuristic.events import sentence_events
from bot.summarizers.heuristic.tokens import Sentence, tokenize
from bot.summarizers.heuristic.types import EventKind, Meaning


def sent(text: str) -> Sentence:
    return Sentence(1, text, tokenize(text))


def brief(title: str, text: str):
    return HeuristicSummarizer().summarize(Article(source="t.txt", title=title, text=text))


def lemmas(text: str, kind: EventKind | None = None) -> set[str]:
    return {e.lemma for e in sentence_events(sent(text)) if kind is None or e.kind is kind}


@pytest.mark.parametrize("text", [
    "Shares in Harwell & Grant fell 9% on Wednesday after a profit warning.",
    "The chairman, Grant Ellery, said trading had been difficult.",
    "Staff at Morley Grant Associates were told on Friday.",
])
def test_a_capitalised_word_in_a_name_is_no_verb(text: str) -> None:
    assert "grant" not in lemmas(text)


@pytest.mark.parametrize("text", [
    "The council granted the licence on Tuesday.",
    "On Monday Grant was the name on everyone's lips, and the board granted the licence.",
    "Council Approves New Stadium Plan",
])
def test_the_verb_itself_still_counts(text: str) -> None:
    assert {"grant", "approve"} & lemmas(text)


@pytest.mark.parametrize("text", [
    "Workers wait on grant decision",
    "A family whose housing grant was delayed for two years complained.",
    "A man was charged twice for the same refuse collection.",
    "He pleaded guilty at an earlier hearing to wounding with intent.",
])
def test_nouns_that_look_like_decisions_or_asks(text: str) -> None:
    found = {(e.kind, e.lemma) for e in sentence_events(sent(text))}
    assert not {(k, lemma) for k, lemma in found if lemma in ("grant", "refuse", "plead")}, found


def test_refusing_and_granting_still_read() -> None:
    assert "refuse" in lemmas("The council refused the licence.")
    assert "plead" in lemmas("She pleaded with the board to reconsider.", EventKind.REQUEST)


@pytest.mark.parametrize("text", [
    "The leader of the council has appealed for calm after the memo leaked.",
    "Police urged for restraint as the crowd gathered.",
    "The home side went down under a challenge from the visiting captain just before half time.",
    "A late challenge on the keeper in the 80th minute went unpunished by the referee.",
    "The appeal of the traditional summer sale is fading, analysts said.",
])
def test_pleas_tackles_and_attraction_ask_nothing(text: str) -> None:
    assert not lemmas(text, EventKind.REQUEST)


@pytest.mark.parametrize("text", [
    "The club's appeal of the ruling will be heard next month.",
    "The club lodged a legal challenge from the start of the match ban.",
    "The council appealed for help from the government after the floods.",
])
def test_the_same_words_still_ask(text: str) -> None:
    assert lemmas(text, EventKind.REQUEST), text


def test_a_speaker_is_no_requester() -> None:
    b = brief("Mayor upbeat despite poll", 'The mayor said the figures did not worry him. "I will be asking for '
              'people\'s support on my record," he said. Voters asked to name their main worry put crime first.')
    assert (b.requester or "").lower() not in ("i", "we", "me", "us", "you")


def test_giving_way_is_granting() -> None:
    found = [e for e in sentence_events(sent("Ministers relented on Thursday and allowed a higher rise."))
             if e.lemma == "relent"]
    assert found and found[0].meaning is Meaning.GRANT


def test_the_giver_of_a_refused_licence_is_its_agent() -> None:
    (event,) = [e for e in sentence_events(sent(
        "The festival has been refused a premises licence by the district council's licensing panel."))
        if e.lemma == "refuse"]
    assert event.actor is not None and "licensing panel" in event.actor.text


def test_a_weak_mention_the_other_way_does_not_cancel_a_plain_decision() -> None:
    b = brief("Regulator approves migraine tablet",
              "The Food and Drug Administration on Thursday approved a once-daily tablet for preventing migraine, "
              "the maker said. The company had applied for approval last year. Shares rose 8%. "
              "Analysts said a rival's drug could be blocked if its trial disappoints.")
    assert b.status is Status.APPROVED


def test_an_approval_rating_is_a_measure() -> None:
    b = brief("Governor's approval rating slips in new poll",
              "The governor's approval rating has fallen to its lowest point since he took office, a poll "
              "released on Tuesday showed. His office played down the numbers.")
    assert b.status is Status.UNKNOWN and not b.requester


def test_who_wins_is_a_question_not_a_grant() -> None:
    for text in ('"Everybody is for it until you tell them who gets the licence," a lobbyist said.',
                 "The hard part is deciding who wins the contract.",
                 "Whoever gets the franchise will have to invest heavily."):
        assert not [e for e in sentence_events(sent(text)) if e.status() is Status.APPROVED], text
    assert [e for e in sentence_events(sent("The firm that bid lowest gets the licence, the board said."))
            if e.status() is Status.APPROVED]


def test_a_result_clause_is_no_part_of_a_mixed_outcome() -> None:
    b = brief("Judge won't toss drivers' lawsuit",
              "On Monday a federal judge denied the company's motion to dismiss the lawsuit in full, clearing "
              "the way for the case to move into discovery. The company had asked the court in January to "
              "throw the case out.")
    assert b.status is Status.DECLINED


def test_granted_but_not_on_the_terms_asked_is_partial() -> None:
    b = brief("Zoning board rules on shop permit",
              "The zoning board voted 4-1 on Tuesday to grant the company a special permit, but not on the terms "
              "the company asked for. Opening hours are limited and the drive-through was refused.")
    assert b.status is Status.PARTIAL
