"""bot.slack.commands.parse_command: the mention / slash grammar of CONTRACT.md."""

from __future__ import annotations

import pytest

from bot.slack.parsing import parse_command


@pytest.mark.parametrize("text", [
    "<@UVERDICT> <https://example.org/a>",
    "<@UVERDICT> summarize <https://example.org/a|example.org/a>",
    "<@UVERDICT|verdict>: summarise <https://example.org/a>",
    "summarize https://example.org/a",  # the slash command, unescaped
    "https://example.org/a?utm_source=x",
    "Look at <https://example.org/a> cc <@UVERDICT>",  # pointing Verdict at a link mid-sentence
])
def test_summarize_forms(text):
    command = parse_command(text)
    assert command.name == "summarize"
    assert command.urls == ("https://example.org/a",)


def test_summarize_caps_links_and_counts_the_rest():
    text = "summarize " + " ".join(f"https://example.org/{i}" for i in range(7))
    command = parse_command(text, link_limit=5)
    assert len(command.urls) == 5 and command.skipped == 2


def test_summarize_without_link_is_help_with_a_note():
    command = parse_command("<@UVERDICT> summarize")
    assert command.name == "help" and "needs a link" in command.note


@pytest.mark.parametrize("text,days", [("digest", None), ("digest 7d", 7), ("<@UVERDICT> DIGEST 30 days", 30)])
def test_digest(text, days):
    command = parse_command(text)
    assert command.name == "digest" and command.days == days


def test_digest_with_a_bad_lookback_is_help():
    assert parse_command("digest soon").name == "help"


def test_schedule_keeps_the_spec_as_typed():
    command = parse_command("<@UVERDICT> schedule weekly fri 16:00 Europe/Berlin to <#C0LEAD|leadership>")
    assert command.name == "schedule"
    assert command.spec == "weekly fri 16:00 Europe/Berlin to <#C0LEAD|leadership>"
    assert parse_command("schedule").spec == ""


@pytest.mark.parametrize("word", ["status", "watch", "unwatch", "help"])
def test_single_word_commands(word):
    assert parse_command(f"<@UVERDICT> {word}").name == word
    assert parse_command(word.upper()).name == word


@pytest.mark.parametrize("text", ["", "<@UVERDICT>", "<@UVERDICT> what's up?", "tell me a joke"])
def test_anything_else_is_help(text):
    assert parse_command(text).name == "help"
