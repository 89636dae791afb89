"""Sentence splitting: abbreviations, initials, decimals, quotes, ellipses — and verbatim output."""

from __future__ import annotations

import pytest

from bot.text import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        (
            "Officials in the U.S. and the U.K. agreed. Talks end today.",
            ["Officials in the U.S. and the U.K. agreed.", "Talks end today."],
        ),
        ("He moved to the U.S. The move was quick.", ["He moved to the U.S.", "The move was quick."]),
        ("She lives on St. James Street. It is quiet.", ["She lives on St. James Street.", "It is quiet."]),
        (
            "The vote is on Jan. 5 in Paris. Nobody expects a surprise.",
            ["The vote is on Jan. 5 in Paris.", "Nobody expects a surprise."],
        ),
        ("It ranked No. 5 last year. Now it is first.", ["It ranked No. 5 last year.", "Now it is first."]),
        (
            "The delegation requested 155 mm shells. Seoul said no.",
            ["The delegation requested 155 mm shells.", "Seoul said no."],
        ),
        ("Profits rose 3.5% to $1.2bn. Shares fell.", ["Profits rose 3.5% to $1.2bn.", "Shares fell."]),
        ("J. K. Rowling wrote it. It sold well.", ["J. K. Rowling wrote it.", "It sold well."]),
        (
            'He said: "We will appeal." The court did not comment.',
            ['He said: "We will appeal."', "The court did not comment."],
        ),
        ('"It is final." "We accept it," she said.', ['"It is final."', '"We accept it," she said.']),
        ('"Why now?" he asked. Nobody knew.', ['"Why now?" he asked.', "Nobody knew."]),
        ("They waited... and waited. Then it came.", ["They waited... and waited.", "Then it came."]),
        ("It stopped... Then it started again.", ["It stopped...", "Then it started again."]),
        ("Acme Inc. The firm denied it.", ["Acme Inc.", "The firm denied it."]),
        ("Shares in Acme Inc. rose sharply.", ["Shares in Acme Inc. rose sharply."]),
        (
            "Prof. Lee, e.g. the chair, spoke. Others left!",
            ["Prof. Lee, e.g. the chair, spoke.", "Others left!"],
        ),
    ],
)
def test_splits_news_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_newlines_end_sentences_and_hard_wraps_are_joined() -> None:
    text = "Court rules today\nThe judge said the\nclaim failed.\n\nA second paragraph."
    assert split_sentences(text) == [
        "Court rules today",
        "The judge said the claim failed.",
        "A second paragraph.",
    ]


def test_sentences_are_verbatim_substrings_of_the_normalised_text() -> None:
    text = '  The  council,\tled by Mr. Ode, approved it.  \n\n"We are glad," said Ms. Fay.   It cost $3.5m...  More later. '
    normalised = " ".join(text.split())
    sentences = split_sentences(text)
    assert sentences, "something must come out"
    for sentence in sentences:
        assert sentence in normalised
        assert sentence == " ".join(sentence.split())
    # nothing is lost but whitespace
    assert "".join(sentences).replace(" ", "") == normalised.replace(" ", "")


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n\n ") == []
    assert split_sentences("No final stop") == ["No final stop"]


def test_one_long_paragraph_splits_in_linear_time() -> None:
    # a long report pasted as one paragraph used to take minutes (each boundary rescanned the prefix)
    import time

    text = "The council approved the plan. " * 20_000
    started = time.thread_time()
    sentences = split_sentences(text)
    assert len(sentences) == 20_000
    # CPU seconds of this thread (a loaded machine does not inflate them); a generous bound that
    # guards against quadratic blow-up (minutes), not a speed target
    assert time.thread_time() - started < 15.0


def test_no_ends_a_sentence_unless_a_number_follows() -> None:
    assert split_sentences("A fund asked them to say no. The board won. He lives at No. 5 Mill Lane.") == [
        "A fund asked them to say no.", "The board won.", "He lives at No. 5 Mill Lane."]
