"""Finding links in Slack messages (text, blocks, attachments) and normalising them."""

from __future__ import annotations

import pytest

from bot.slack.links import LinksFound, find_links, is_slack_link, links_in_mrkdwn
from bot.urls import normalise_url, url_key


def message(text="", **extra):
    return {"type": "message", "channel": "C1", "user": "U1", "ts": "1700000000.000100", "text": text, **extra}


# --- text ----------------------------------------------------------------------------------------


def test_bare_and_labelled_links_in_text():
    found = find_links(message("see <https://example.org/a> and <https://example.org/b|the story>"), limit=5)
    assert found == LinksFound(urls=["https://example.org/a", "https://example.org/b"], skipped=0)


def test_escaped_characters_are_unescaped_and_only_those():
    text = "<https://example.org/q?a=1&amp;b=2&amp;copy=3&amp;x=&lt;y&gt;|label &amp; more>"
    [url] = find_links(message(text), limit=5).urls
    assert url == "https://example.org/q?a=1&b=2&copy=3&x=<y>"
    assert "©" not in url


@pytest.mark.parametrize("text", [
    "<mailto:someone@example.org|someone@example.org>",
    "<@U0123456> hello",
    "<#C0123456|general>",
    "<#C0123456>",
    "<!here> <!channel> <!subteam^S0123|@team>",
    "<tel:+4912345|call>",
    "<ftp://example.org/file>",
    "no links at all, example.org is not linked",
    "",
])
def test_non_links_are_ignored(text):
    assert find_links(message(text), limit=5) == LinksFound(urls=[], skipped=0)


@pytest.mark.parametrize("url", [
    "https://acme.slack.com/archives/C0123456/p1700000000000100",
    "https://acme.slack.com/archives/C0123456/p1700000000000100?thread_ts=1700000000.000100&cid=C0123456",
    "https://acme.enterprise.slack.com/archives/C01/p1",
    "https://app.slack.com/client/T01/C01",
    "https://files.slack.com/files-pri/T01-F01/report.pdf",
    "https://acme.slack.com/files/U01/F01/report.pdf",
    "https://acme.slack.com/docs/T01/F01",
    "https://acme.slack.com/",
])
def test_slack_own_links_are_skipped(url):
    assert is_slack_link(url)
    assert find_links(message(f"look <{url}>"), limit=5).urls == []


@pytest.mark.parametrize("url", [
    "https://slack.com/blog/news/a-story",
    "https://api.slack.com/methods/chat.postMessage",
    "https://example.org/archives/2024/story",
    "https://notslack.com/archives/C1/p1",
])
def test_other_links_mentioning_slack_are_kept(url):
    assert not is_slack_link(url)
    assert find_links(message(f"<{url}>"), limit=5).urls == [url]


def test_links_in_mrkdwn_keeps_order_and_skips_mentions():
    assert links_in_mrkdwn("<@U1> <https://b.example/> x <https://a.example/|A>") == [
        "https://b.example/", "https://a.example/"]


# --- blocks and attachments ----------------------------------------------------------------------


def rich_text(*elements):
    return [{"type": "rich_text", "block_id": "b1", "elements": [
        {"type": "rich_text_section", "elements": list(elements)}]}]


def test_rich_text_link_elements():
    blocks = rich_text(
        {"type": "text", "text": "read "},
        {"type": "link", "url": "https://example.org/news?id=1&utm_medium=social", "text": "this"},
        {"type": "user", "user_id": "U1"},
        {"type": "link", "url": "mailto:x@example.org"},
    )
    assert find_links(message("", blocks=blocks), limit=5).urls == ["https://example.org/news?id=1"]


def test_nested_rich_text_lists_and_quotes():
    blocks = [{"type": "rich_text", "elements": [
        {"type": "rich_text_list", "style": "bullet", "elements": [
            {"type": "rich_text_section", "elements": [{"type": "link", "url": "https://one.example/"}]},
            {"type": "rich_text_section", "elements": [{"type": "link", "url": "https://two.example/"}]},
        ]},
        {"type": "rich_text_quote", "elements": [{"type": "link", "url": "https://three.example/"}]},
        {"type": "rich_text_preformatted", "elements": [{"type": "link", "url": "https://four.example/"}]},
    ]}]
    assert find_links(message("", blocks=blocks), limit=5).urls == [
        "https://one.example/", "https://two.example/", "https://three.example/", "https://four.example/"]


def test_section_blocks_of_bots_with_mrkdwn():
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": "*New:* <https://feed.example/1|Story one>"},
         "fields": [{"type": "mrkdwn", "text": "<https://feed.example/2>"}]},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "via <https://feed.example/3|feed>"}]},
    ]
    assert find_links(message("", blocks=blocks), limit=5).urls == [
        "https://feed.example/1", "https://feed.example/2", "https://feed.example/3"]


def test_text_and_blocks_carrying_the_same_link_count_once():
    url = "https://example.org/a?x=1"
    event = message(f"<{url}>", blocks=rich_text({"type": "link", "url": url}))
    assert find_links(event, limit=5) == LinksFound(urls=[url], skipped=0)


def test_attachments_of_feeds():
    event = message("", bot_id="B1", subtype="bot_message", attachments=[
        {"title": "Seoul declines", "title_link": "https://news.example/seoul?fbclid=abc",
         "text": "More: <https://news.example/more|here>", "pretext": "<https://news.example/pre>"},
        {"from_url": "https://other.example/x", "original_url": "https://other.example/x"},
        "not a dict",
    ])
    assert find_links(event, limit=5).urls == [
        "https://news.example/seoul", "https://news.example/pre", "https://news.example/more",
        "https://other.example/x"]


def test_limit_and_skipped_count():
    text = " ".join(f"<https://example.org/{n}>" for n in range(8))
    found = find_links(message(text), limit=5)
    assert found.urls == [f"https://example.org/{n}" for n in range(5)]
    assert found.skipped == 3
    assert find_links(message(text), limit=0) == LinksFound(urls=[], skipped=8)


def test_duplicates_do_not_count_against_the_limit():
    text = "<https://example.org/a> <http://www.example.org/a/> <https://example.org/a?utm_source=x> <https://example.org/b>"
    assert find_links(message(text), limit=2) == LinksFound(
        urls=["https://example.org/a", "https://example.org/b"], skipped=0)


def test_missing_or_odd_fields():
    assert find_links({}, limit=5) == LinksFound()
    assert find_links({"text": None, "blocks": None, "attachments": None}, limit=5) == LinksFound()
    assert find_links({"blocks": [{"type": "link"}, {"type": "link", "url": 5}]}, limit=5) == LinksFound()


# --- normalising ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("given", "expected"), [
    ("HTTPS://Example.ORG/Path/Case", "https://example.org/Path/Case"),
    ("https://example.org", "https://example.org/"),
    ("https://example.org:443/a", "https://example.org/a"),
    ("http://example.org:80/a", "http://example.org/a"),
    ("http://example.org:8080/a", "http://example.org:8080/a"),
    ("https://example.org/a#section-2", "https://example.org/a"),
    ("https://example.org/a?utm_source=x&utm_medium=y&utm_campaign=z", "https://example.org/a"),
    ("https://example.org/a?id=7&fbclid=X&gclid=Y&mc_cid=1&mc_eid=2&igshid=3", "https://example.org/a?id=7"),
    ("https://example.org/a?b=2&a=1", "https://example.org/a?b=2&a=1"),  # order kept for fetching
    ("https://example.org/a?flag", "https://example.org/a?flag"),
    ("https://example.org/a?p=%2Fx+y&UTM_Source=x&&", "https://example.org/a?p=%2Fx+y"),
    ("https://example.org./a", "https://example.org/a"),
    ("  https://example.org/a  ", "https://example.org/a"),
    ("https://user:pw@example.org/a", "https://user:pw@example.org/a"),  # kept: the fetcher refuses it, saying why
    ("https://[2001:db8::1]:8443/a", "https://[2001:db8::1]:8443/a"),
])
def test_normalise_url(given, expected):
    assert normalise_url(given) == expected


@pytest.mark.parametrize("given", [
    "mailto:x@example.org", "javascript:alert(1)", "ftp://example.org/", "example.org/a", "https://",
    "https://example.org:99999/", "http://[::1", "",
])
def test_normalise_url_rejects_what_is_not_a_web_link(given):
    assert normalise_url(given) is None


@pytest.mark.parametrize(("a", "b"), [
    ("https://example.org/a", "http://example.org/a"),
    ("https://example.org/a", "https://www.example.org/a"),
    ("https://example.org/a", "https://example.org/a/"),
    ("https://example.org/a?x=1&y=2", "https://example.org/a?y=2&x=1"),
    ("https://example.org/a?x=1", "https://example.org/a?x=1&utm_source=news#top"),
    ("https://EXAMPLE.org/a", "https://example.org/a"),
    ("https://example.org", "https://example.org/"),
])
def test_url_key_identifies_one_page(a, b):
    assert url_key(a) == url_key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("https://example.org/a", "https://example.org/A"),
    ("https://example.org/a?id=1", "https://example.org/a?id=2"),
    ("https://example.org/a", "https://example.com/a"),
    ("https://example.org:8080/a", "https://example.org/a"),
    ("https://blog.example.org/a", "https://example.org/a"),
])
def test_url_key_keeps_different_pages_apart(a, b):
    assert url_key(a) != url_key(b)


def test_long_urls_get_a_bounded_key():
    long = "https://example.org/" + "a" * 5000
    key = url_key(long)
    assert key.startswith("sha256:") and len(key) < 100
    assert url_key(long) == key and url_key(long + "b") != key
