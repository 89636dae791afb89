"""A decision found only deep in a story, with nothing of the same outcome in its headline or lede,
is mostly a side matter: the brief says no clear decision was found unless it is told plainly
enough (LATE_MIN). The same sentence near the top, or backed by the headline, still decides."""

from __future__ import annotations

from bot.models import Article, Status
from bot.summarizers.heuristic import HeuristicSummarizer
from bot.summarizers.heuristic.choose import LATE_SENTENCE

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
