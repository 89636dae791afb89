"""bot.pipeline.extraction: web pages and text files → Article, on the seed pages, hand-made walls and the dev set."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.errors import NoArticleText, Refused, SourceNotFound, UnsupportedContent
from bot.pipeline.charsets import decode
from bot.pipeline.extraction import (
    PAYWALL_MESSAGE,
    UnsupportedFileType,
    clean_paragraphs,
    extract_html,
    extract_plain_text,
)
from bot.pipeline.source import read_file

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SAMPLE = "000_4a877bff2c10e4a4"
DEV_DOCS = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev" / "docs"


def sample_lines() -> list[str]:
    return [line.strip() for line in (SEEDS / f"{SAMPLE}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def sample_body() -> list[str]:
    """The sample's article paragraphs: everything between the headline and its "Related:" list."""
    lines = sample_lines()
    return lines[1 : lines.index("Related:")]


def paragraph(*sentences: str) -> str:
    return " ".join(sentences)


# Words that only the page furniture of the sample page carries (menu, related list, plea,
# comments, cookie notice, footer): none may reach Article.text.
FURNITURE = [
    "Skip to content", "Politics", "Newsletter", "Related", "North Korean troops", "Kursk",
    "patron", "cup of coffee", "readers like you", "Disappointing", "Most read", "cookies",
    "Privacy policy", "All rights reserved", "Share on", "Tags:", "Photo:",
]


# --- the sample article ----------------------------------------------------------------------


def test_sample_html_gives_headline_site_date_and_only_the_article():
    article = read_file(SEEDS / f"{SAMPLE}.html")

    assert article.title == sample_lines()[0]
    assert article.site == "Eastern Europe Monitor"
    assert article.published == "2024-11-28"
    assert article.source == str(SEEDS / f"{SAMPLE}.html")
    assert article.url is None
    assert article.text.split("\n") == sample_body()
    for words in FURNITURE:
        assert words not in article.text, words


def test_sample_txt_gives_headline_and_body_without_related_list_or_plea():
    path = f"seeds/{SAMPLE}.txt"  # relative, as a user would type it
    article = read_file(SEEDS / f"{SAMPLE}.txt")
    as_typed = extract_plain_text((SEEDS / f"{SAMPLE}.txt").read_text(encoding="utf-8"), source=path)

    assert article.title == "Seoul declines Ukrainian request for defense system sales"
    assert article.text.split("\n") == sample_body()
    assert not article.text.startswith(article.title)
    for words in ("Related", "North Korean troops", "patron", "cup of coffee", "close this page"):
        assert words not in article.text
    assert (article.site, article.published) == (None, None)
    assert as_typed.source == path and as_typed.text == article.text


def test_html_and_txt_of_the_sample_agree():
    assert read_file(SEEDS / f"{SAMPLE}.html").text == read_file(SEEDS / f"{SAMPLE}.txt").text


def test_related_list_and_plea_inside_the_article_body_without_telling_class_names():
    # trafilatura's own cleaning keys on class names such as "related"; here there are none,
    # so the plain-text pass has to recognise the list and the plea by their wording
    lines = sample_lines()
    related = [line.removeprefix("- ") for line in lines if line.startswith("- ")]
    plea = lines[lines.index("Related:") + 1 + len(related) :]
    page = (
        "<html><head><title>Seoul declines</title></head><body><article><h1>Seoul declines</h1><div>"
        + "".join(f"<p>{line}</p>" for line in sample_body())
        + "<p><strong>Related:</strong></p><ul>"
        + "".join(f"<li>{item}</li>" for item in related)
        + "</ul>"
        + "".join(f"<p>{line}</p>" for line in plea)
        + "</div></article></body></html>"
    )
    assert plea and related
    assert extract_html(page, source="x").text.split("\n") == sample_body()


# --- walls and empty pages -------------------------------------------------------------------

TEASER = "The city council approved the new budget on Tuesday after a long debate over school funding."

PAYWALL_PAGE = f"""<!DOCTYPE html><html><head><title>Council approves new budget | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Council approves new budget</h1><p>{TEASER}</p>
<div class="{{wall_class}}"><h2>Subscribe to continue reading</h2>
<p>Get unlimited access to our journalism for just $1 a week. Cancel anytime.</p>
<p><a href="/subscribe">Subscribe now</a> Already a subscriber? <a href="/login">Sign in</a></p></div>
</article><footer>© 2024 The Daily Ledger</footer></body></html>"""

CONSENT_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Before you continue</title></head><body>
<div class="{wall_class}"><h1>We value your privacy</h1>
<p>We and our 842 partners store and/or access information on a device, such as cookies, and process
personal data, such as unique identifiers and standard information sent by a device for personalised
advertising and content, advertising and content measurement, audience research and services development.</p>
<p>With your permission we and our partners may use precise geolocation data and identification through
device scanning. You may click to consent to our and our partners' processing as described above.</p>
<button>Accept all cookies</button><button>Reject all cookies</button><button>Manage preferences</button>
</div></body></html>"""

# A wall recognised by its markup alone: a teaser and a login box, no tell-tale words.
REGWALL_PAGE = f"""<!DOCTYPE html><html><head><title>Council approves new budget</title></head><body>
<article><h1>Council approves new budget</h1><p>{TEASER}</p>
<div class="article-regwall"><a href="/account">Your account</a></div></article></body></html>"""


@pytest.mark.parametrize("wall_class", ["paywall-overlay", "offer-box"])  # with and without wall markup
def test_paywall_page_is_no_article_text(wall_class):
    with pytest.raises(NoArticleText) as caught:
        extract_html(PAYWALL_PAGE.format(wall_class=wall_class), source="https://ledger.example/budget")
    assert str(caught.value) == PAYWALL_MESSAGE == "the page is behind a paywall or consent wall"
    assert caught.value.kind == "failed"


@pytest.mark.parametrize("wall_class", ["consent-wall", "dialog"])
def test_consent_page_is_no_article_text(wall_class):
    with pytest.raises(NoArticleText, match="paywall or consent wall"):
        extract_html(CONSENT_PAGE.format(wall_class=wall_class), source="https://news.example/story")


def test_wall_markup_around_a_teaser_is_a_wall():
    with pytest.raises(NoArticleText, match="paywall or consent wall"):
        extract_html(REGWALL_PAGE, source="x")


def test_full_article_with_cookie_banner_and_plea_is_not_a_wall():
    body = sample_body()
    page = (
        '<html><head><title>A story</title></head><body><div id="onetrust-banner-sdk" class="cookie-wall">'
        "<p>We use cookies. Accept all cookies?</p></div><article><h1>A story</h1>"
        + "".join(f"<p>{line}</p>" for line in body)
        + "<p>Subscribe now and support our journalism: become a member today.</p></article></body></html>"
    )
    article = extract_html(page, source="x")
    assert article.text.split("\n") == body


@pytest.mark.parametrize(
    "page",
    ["", "   \n", "<html><head><title>Nothing</title></head><body></body></html>",
     "<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav><p>Welcome!</p></body></html>"],
)
def test_empty_or_navigation_only_page_is_no_article_text(page):
    with pytest.raises(NoArticleText) as caught:
        extract_html(page, source="x")
    assert str(caught.value) in ("the page is empty", "no article text found on the page")


def test_empty_files(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "empty.txt").write_text("\n  \n", encoding="utf-8")
    (tmp_path / "headline.txt").write_text("Only a headline\n\n", encoding="utf-8")
    with pytest.raises(NoArticleText, match="the page is empty"):
        read_file(tmp_path / "empty.html")
    with pytest.raises(NoArticleText, match="the text is empty"):
        read_file(tmp_path / "empty.txt")
    with pytest.raises(NoArticleText, match="no article text after the headline"):
        read_file(tmp_path / "headline.txt")


# --- files -----------------------------------------------------------------------------------


def test_missing_file_and_unreadable_path(tmp_path):
    with pytest.raises(SourceNotFound, match="^no such file$") as caught:
        read_file(tmp_path / "nope.html")
    assert caught.value.kind == "failed"
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(SourceNotFound, match="^cannot read the file$"):
        read_file(tmp_path / "folder.txt")


@pytest.mark.parametrize("name", ["report.docx", "notes.md", "README", "page.html.gz"])
def test_other_extensions_are_refused(tmp_path, name):
    (tmp_path / name).write_bytes(b"%PDF-1.4 whatever")
    with pytest.raises(UnsupportedFileType) as caught:
        read_file(tmp_path / name)
    error = caught.value
    assert isinstance(error, Refused) and isinstance(error, UnsupportedContent)
    assert error.kind == "refused"
    assert str(error).startswith("only .html, .htm, .txt and .pdf files are read")
    assert "\n" not in str(error)


def test_latin1_and_cp1252_text_files(tmp_path):
    text = "Zürich café’s appeal rejected\n\nThe café in Zürich lost its appeal – the court said « non ».\n"
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "latin1.txt").write_bytes(text.replace("’", "'").replace("–", "-").encode("latin-1"))

    article = read_file(tmp_path / "cp1252.txt")
    assert article.title == "Zürich café’s appeal rejected"
    assert article.text == "The café in Zürich lost its appeal – the court said « non »."
    assert read_file(tmp_path / "latin1.txt").text == "The café in Zürich lost its appeal - the court said « non »."


def test_decoding_boms_and_declared_charsets():
    assert decode("\ufeffHeadline".encode(), html=False)[1] == "Headline"
    assert decode("Заголовок".encode("utf-16"), html=False)[1] == "Заголовок"
    page = '<html><head><meta charset="windows-1251"></head><body><p>Киев</p></body></html>'
    assert "Киев" in decode(page.encode("cp1251"))[1]


def test_uppercase_suffix_and_binary_txt(tmp_path):
    (tmp_path / "PAGE.HTM").write_bytes((SEEDS / f"{SAMPLE}.html").read_bytes())
    assert read_file(tmp_path / "PAGE.HTM").published == "2024-11-28"
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(NoArticleText, match="not text"):
        read_file(tmp_path / "image.txt")


# --- HTML details ----------------------------------------------------------------------------


def test_site_falls_back_to_the_url_host_and_headline_is_not_repeated():
    body = sample_body()
    page = (
        "<html><head><title>Seoul declines</title></head><body><article><h1>Seoul declines</h1>"
        + "".join(f"<p>{line}</p>" for line in body)
        + "</article></body></html>"
    )
    article = extract_html(page, source="https://www.monitor.example/a", url="https://www.monitor.example/a")
    assert article.title == "Seoul declines"
    assert article.site and "monitor.example" in article.site
    assert article.url == "https://www.monitor.example/a"
    assert article.text.split("\n") == body
    assert extract_html(page, source="x").site is None


def test_concurrent_extraction_gives_the_same_article():
    # link workers extract on several threads at once
    page = (SEEDS / f"{SAMPLE}.html").read_text(encoding="utf-8")
    expected = extract_html(page, source="x")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: extract_html(page, source="x"), range(12)))
    assert all(result == expected for result in results)


# --- plain-text cleaning ---------------------------------------------------------------------

STORY = [
    paragraph("The regulator rejected the merger on Monday.", "It said prices would rise."),
    paragraph("The companies said they would appeal.", "A ruling is expected next year."),
]


@pytest.mark.parametrize(
    "tail",
    [
        ["Related:", "- Regulator fines bank", "- Merger talks collapse"],
        ["Read more:", "Regulator fines bank", "Merger talks collapse", "Shares fall after ruling"],
        ["See also", "• Regulator fines bank"],
        ["More business news:"],
        ["You might also like", "1. Regulator fines bank", "2. Merger talks collapse"],
        ["Support our journalism. Independent reporting costs money, and we rely on readers like you."],
        ["Related stories:", "- Regulator fines bank",
         "Our reporting depends on you. Become a member today, or make a donation to keep it free."],
        ["Sign up for our newsletter to get the day's top stories.", "© 2024 Example Media. All rights reserved."],
        ["Jane Doe is on Twitter at @janedoe."],
    ],
)
def test_trailing_boilerplate_is_dropped(tail):
    assert clean_paragraphs(STORY + tail) == STORY


def test_link_lines_and_furniture_inside_the_text_are_dropped():
    text = [STORY[0], "Read more: Merger talks collapse", "Advertisement", STORY[1]]
    assert clean_paragraphs(text) == STORY


@pytest.mark.parametrize(
    "ending",
    [
        # team sheets and short factual lines at the end are article text
        ["K Harper (capt); D Morgan, L Price, R Evans, J Baird.", "Referee: Tomas Varga (Hungary)."],
        # a quoted appeal is part of the story
        ['"Please donate and help us rebuild the school," the headteacher said.'],
        # words like "support" and "related" in ordinary sentences
        ["Ministers said the related measures would support families.",
         "Most voters back US trade policy, the poll found."],
    ],
)
def test_ordinary_paragraphs_are_kept(ending):
    assert clean_paragraphs(STORY + ending) == STORY + ending


def test_hard_wrapped_text_is_rejoined_but_one_line_paragraphs_stay():
    wrapped = (
        "Court rejects appeal\n\n"
        "The appeal court rejected the request on Monday, saying the lower\n"
        "court had applied the law correctly and the evidence was weak.\n\n"
        "The claimants said they would consider their options.\n"
    )
    article = extract_plain_text(wrapped, source="x.txt")
    assert article.text.split("\n") == [
        "The appeal court rejected the request on Monday, saying the lower court had applied the law "
        "correctly and the evidence was weak.",
        "The claimants said they would consider their options.",
    ]
    assert extract_plain_text("Title\n" + "\n".join(STORY), source="x").text.split("\n") == STORY


def test_repeated_headline_is_dropped_from_plain_text():
    article = extract_plain_text("# Court rejects appeal\n\nCourt rejects appeal\n" + STORY[0], source="x")
    assert article.title == "Court rejects appeal"
    assert article.text == STORY[0]


# --- the development set (skipped in a clone without ../shared) ------------------------------

needs_dev = pytest.mark.skipif(not DEV_DOCS.is_dir(), reason="../shared/eval/dev is not beside the repository")


@needs_dev
def test_dev_set_text_files_come_through_whole():
    files = sorted(DEV_DOCS.glob("*.txt"))
    assert files
    for path in files:
        lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        article = read_file(path)
        assert article.title == lines[0], path.name
        assert article.text.split("\n") == lines[1:], path.name


@needs_dev
def test_dev_set_web_pages_give_text_title_and_date():
    files = sorted(DEV_DOCS.glob("*.html"))
    assert files
    for path in files:
        article = read_file(path)
        assert len(article.text.split()) >= 150, path.name
        assert article.title and article.site, path.name
        assert article.published and len(article.published) == 10, path.name
        assert not article.text.startswith(article.title)


def _table_page(title: str) -> str:
    """An old-style page laid out in tables: masthead, menus and a "most popular" list in cells
    around the story's cell, and no <h1>."""
    story = "".join(f"<p>{text}</p>" for text in (
        "Freezing rain that began on Tuesday afternoon coated trees, power lines and roads across the valley "
        "with up to half an inch of ice, leaving more than 38,000 homes without power at the height of the storm.",
        "By six on Wednesday morning the two utilities had restored service to about 11,000 customers, and "
        "crews from three states were on their way to help with the rest.",
        "\"We've got broken poles, not just lines down,\" said a spokeswoman for the cooperative. \"Every one of "
        "those is a truck and a crew for several hours.\"",
        "Schools in four districts closed for the day, and the county opened warming centres at two churches "
        "and the library on Main Street for anyone without heat.",
        "Forecasters said another quarter-inch of ice was possible overnight before temperatures rise above "
        "freezing on Thursday afternoon, when melting branches may bring down more lines.",
        "The sheriff's office asked drivers to stay off rural roads, where fallen trees had blocked lanes in a "
        "dozen places and two cars had slid into ditches near the river bridge.",
        "At the hardware store on Front Street, the owner said he had sold his last generator by nine and was "
        "taking names for a delivery promised for Friday.",
        "Emergency managers said nobody had been seriously hurt, though paramedics treated three people for "
        "falls on icy steps and one for breathing fumes from a heater used indoors.",
        "The cooperative said customers should report outages by phone rather than online, because its website "
        "had struggled with the number of visitors since the early hours.",
        "Crews expect most homes to be reconnected by Friday night, but a spokesman warned that farms at the end "
        "of long rural lines could wait until Sunday or Monday.",
    ))
    return f"""<html><head><title>{title}</title></head><body>
<table width="100%"><tr><td>Valley Times | News for the valley</td></tr>
<tr><td>Home | Local News | Sports | Opinion | Subscribe</td></tr></table>
<table><tr><td width="180"><b>Most popular</b><br>Zoning board denies appeal over chickens<br>
County rejects pay raise for commissioners<br>Judge denies new trial in shooting case</td>
<td><font size="5"><b>Ice storm leaves thousands in the dark</b></font><br>
<div class="storytext">{story}</div></td></tr></table>
<table><tr><td>Copyright 2019 Valley Times. All rights reserved.</td></tr></table></body></html>"""


def test_a_page_laid_out_in_tables_gives_its_story_not_its_menus() -> None:
    article = extract_html(_table_page("Valley Times - Ice storm leaves thousands in the dark"), source="t.html")
    assert "crews from three states" in article.text
    assert "Most popular" not in article.text and "rejects pay raise" not in article.text
    assert article.title == "Ice storm leaves thousands in the dark"


def test_a_title_that_is_headline_then_site_keeps_the_headline() -> None:
    article = extract_html(_table_page("Ice storm leaves thousands in the dark | The Valley Times Online Edition"),
                           source="t.html")
    assert article.title == "Ice storm leaves thousands in the dark"


def test_a_title_escaped_twice_ends_without_the_publisher_or_a_raw_entity() -> None:
    # "&amp;#8211;" in the page's source reaches the parser as the text "&#8211;"
    article = extract_html(_table_page("Ice storm leaves thousands in the dark &amp;#8211; Valley Times"),
                           source="t.html")
    assert article.title == "Ice storm leaves thousands in the dark"


def test_a_page_with_an_unclosed_title_gives_the_story_or_a_clear_error() -> None:
    page = _table_page("x").replace("</title>", "")
    try:
        article = extract_html(page, source="t.html")
    except NoArticleText as error:
        assert str(error) == "no article text found on the page"
    else:
        assert "crews from three states" in article.text


def test_a_large_page_gets_no_second_pass_with_its_tables(monkeypatch) -> None:
    import bot.pipeline.extraction as extraction

    # a story that lives only in table cells: read with its tables when the page is small enough
    cells = "".join(f"<tr><td><p>{text}</p></td></tr>" for text in (
        "The planning committee approved the library extension on Monday by six votes to two, after "
        "officers said the design would not harm the conservation area around the market square.",
        "It refused the second application, for a car park behind the library, saying the extra traffic "
        "on the narrow lane beside the primary school would not be safe for children at the gates.",
        "A third scheme, for eight flats above the old bank, was deferred until next month so that the "
        "developer can answer objections from neighbours about overlooking and the loss of light."))
    page = f"<html><head><title>Decisions</title></head><body><table>{cells}</table></body></html>"
    seen = []
    real = extraction._extract

    def counting(html, url, *, precision, tables):
        seen.append(tables)
        return real(html, url, precision=precision, tables=tables)

    monkeypatch.setattr(extraction, "_extract", counting)
    article = extract_html(page, source="t.html")
    assert seen == [False, True] and "library extension" in article.text  # too little without tables
    seen.clear()
    monkeypatch.setattr(extraction, "TABLE_RETRY_CHARS", 100)
    with pytest.raises(NoArticleText):
        extract_html(page, source="t.html")
    assert seen == [False]  # past the size bound: one pass, without tables
