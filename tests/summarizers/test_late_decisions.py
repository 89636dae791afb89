"""A decision found only deep in a story, with nothing of the same outcome in its headline or lede,
is mostly a side matter: the brief says no clear decision was found unless it is told plainly
enough (LATE_MIN). The same sentence near the top, or backed by the headline, still decides. Also
the round-up ("Meanwhile, ...") that tells other requests, "permit" as a noun, "kicked to March",
backing another body's decision, a side weighing a move of its own, and reported words inside a
grant."""

from __future__ import annotations

import pytest

from bot.models import Article, Status
from bot.summarizers.heuristic import HeuristicSummarizer
from bot.summarizers.heuristic.choose import LATE_SENTENCE
from bot.summarizers.heuristic.events import sentence_events
from bot.summarizers.heuristic.tokens import Sentence, tokenize
from bot.summarizers.heuristic.types import EventKind

FILLER = [
    "Thousands of visitors came to the Millbrook summer fair on Saturday.",
    "The fair has been held on the green every year since 1952.",
    "Stallholders sold cakes, plants and second-hand books.",
    "A brass band played through the afternoon.",
    "Children queued for the bouncy castle and the face painting tent.",
    "Organisers said the sunshine had helped.",
    "Parking on the nearby streets was busy, and some residents complained about the noise.",
    "The vicar opened the fair with a short speech.",
    "A dog show took place in the afternoon.",
    "Volunteers collected litter after the event.",
]
SIDE = "Separately, the parish council granted a request from the cricket club to put up new nets."
CLOSE = "Next year's fair will be held on the same weekend."


def statuses(text: str) -> set[Status]:
    sentence = Sentence(0, text, tokenize(text), headline=True)
    return {e.status() for e in sentence_events(sentence) if e.kind is not EventKind.REQUEST} - {Status.UNKNOWN}


def brief(title: str, paragraphs: list[str]):
    return HeuristicSummarizer().summarize(Article(source="t.txt", title=title, text="\n\n".join(paragraphs)))


def test_a_side_decision_deep_in_a_story_about_something_else_states_no_status():
    assert len(FILLER) + 1 >= LATE_SENTENCE  # the headline is sentence 0: the grant is told past the cut
    b = brief("Summer fair draws record crowds to Millbrook", [*FILLER, SIDE, CLOSE])
    assert b.status is Status.UNKNOWN


def test_the_same_decision_told_near_the_top_still_decides():
    b = brief("Summer fair draws record crowds to Millbrook", [FILLER[0], SIDE, *FILLER[1:], CLOSE])
    assert b.status is Status.APPROVED


def test_a_headline_of_the_same_outcome_carries_a_late_decision():
    b = brief("Cricket club wins approval for new nets", [*FILLER, SIDE, CLOSE])
    assert b.status is Status.APPROVED
    assert "cricket club" in (b.requester or "").lower()


def test_a_late_decision_told_plainly_and_restated_still_decides():
    restated = [SIDE, "Councillors voted 7-0 to approve the request from the cricket club.",
                "The parish council approved the club's application for the nets unanimously."]
    b = brief("Summer fair draws record crowds to Millbrook", [*FILLER, *restated, CLOSE])
    assert b.status is Status.APPROVED


# --- side stories, nouns and idioms -------------------------------------------------------------

def test_a_round_up_opened_by_meanwhile_tells_another_story():
    b = brief("Ferry firm told to repay state aid", [
        "The regional ferry operator must pay back money it received from the state, officials said on Monday.",
        "The operator says it will look at the ruling carefully.",
        "Services will continue through the winter.",
        "Passenger numbers have fallen for three years in a row.",
        "Meanwhile, the ministry approved a scheme to help small fishing boats replace their engines."])
    assert b.status is Status.UNKNOWN


def test_meanwhile_on_the_thing_the_headline_decides_still_decides():
    b = brief("Cricket club wins approval for new nets", [*FILLER[:5], "Meanwhile, the parish council granted "
              "a request from the cricket club to put up new nets.", CLOSE])
    assert b.status is Status.APPROVED


@pytest.mark.parametrize(("text", "status"), [
    ("Pump station permit kicked to March as committee waits on study", Status.PENDING),
    ("The bypass plan was kicked into the long grass by ministers.", Status.PENDING),
    ("The youth was kicked to the ground by two men.", None),
    ("The ball was kicked into the grass at the edge of the pitch.", None),
    ("Magistrates backed the council's decision on its bid for later hours.", Status.DECLINED),
    ("The judge backed the council's decision to approve 40 flats.", Status.APPROVED),
    ("Shannonside Athletic are weighing up a move for a Brazilian winger.", None),
    ("The council is weighing a bid from Acme for the depot site.", Status.PENDING),
])
def test_idioms_and_nouns_of_deciding(text, status):
    found = statuses(text)
    assert found == ({status} if status else set())


def test_what_another_said_inside_a_grant_is_no_part_of_it():
    b = brief("Territory approves lithium mine", [
        "The territory government gave the nod to the company's lithium mine on Wednesday, after the "
        "watchdog told the company its first proposal fell short.",
        "The minister attached 41 conditions to the approval."])
    assert b.status is Status.APPROVED
