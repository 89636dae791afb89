"""The heuristic summariser: statuses (with negation, futures, partial answers), parties, evidence.

Three tiers: short inline articles, one per construction; the seed samples and our own held-out
set (`tests/data/heuristic_cases/`, articles written for these tests, scored like the shared
scorer does); and the shared development set, which is skipped when `../shared` is absent.
"""

from __future__ import annotations

import importlib.util
import json
import re
import statistics
import time
from pathlib import Path

import pytest

from bot.models import Article, Brief, Status
from bot.pipeline.source import read_file
from bot.summarizers.heuristic import HeuristicSummarizer
from bot.text import split_sentences

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CASES = Path(__file__).resolve().parents[1] / "data" / "heuristic_cases"
SHARED_EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
# 30 BBC-2004/05-style articles written for a blind measurement (24 with a decision, 6 without)
HELDOUT2 = Path(__file__).resolve().parents[1] / "data" / "heldout2"
CAPS = {"requester": 80, "decided_by": 80, "request": 250, "reason": 250}


def brief_of(title: str, text: str) -> Brief:
    return HeuristicSummarizer().summarize(Article(source="inline.txt", title=title, text=text))


def mentions(text: str | None, phrase: str) -> bool:
    """Case-insensitive, starting at a word boundary — as the shared scorer matches."""
    return bool(text) and re.search(r"(?<!\w)" + re.escape(phrase.lower()), text.lower()) is not None


def assert_well_formed(brief: Brief, article: Article) -> None:
    """Evidence is verbatim article sentences; fields are within the caps; asker ≠ decider."""
    sentences = set(split_sentences(article.title or "")) | set(split_sentences(article.text))
    for name, sentence in brief.evidence.model_dump().items():
        if sentence is not None:
            assert sentence in sentences, f"evidence.{name} is not a sentence of the article: {sentence!r}"
    for name, cap in CAPS.items():
        value = getattr(brief, name)
        assert value is None or len(value) <= cap, f"{name} longer than {cap}: {value!r}"
    if brief.requester and brief.decided_by:
        assert brief.requester.lower() not in brief.decided_by.lower()
        assert brief.decided_by.lower() not in brief.requester.lower()
    if brief.status == Status.UNKNOWN:
        assert brief.requester is None
    assert brief.summary and brief.summarizer == "heuristic"


# --- one construction at a time ---------------------------------------------------------------


def test_active_approval() -> None:
    brief = brief_of(
        "Museum extension approved",
        "Westford City Council has approved an application by the Westford Museum Trust to build a new gallery. "
        "Councillors said the design was approved because it would bring visitors to the old town.",
    )
    assert brief.status == Status.APPROVED
    assert mentions(brief.requester, "Westford Museum Trust")
    assert mentions(brief.decided_by, "Westford City Council")
    assert mentions(brief.request, "gallery")
    assert mentions(brief.reason, "visitors")


def test_negated_approval_is_declined() -> None:
    brief = brief_of(
        "Council says no to car park",
        "Dunford Council did not approve an application by Metro Parking to build a 500-space car park near the station. "
        "Councillors said the site was too close to homes.",
    )
    assert brief.status == Status.DECLINED
    assert mentions(brief.requester, "Metro Parking")
    assert mentions(brief.decided_by, "Dunford Council")
    assert mentions(brief.request, "car park")


def test_failed_to_win_approval_is_declined() -> None:
    brief = brief_of(
        "Rovers ground move blocked",
        "A bid by Harlow Rovers to move to a new ground on the edge of town has failed to win approval from the league's board. "
        "The board said the new site had too few transport links.",
    )
    assert brief.status == Status.DECLINED
    assert mentions(brief.requester, "Harlow Rovers")
    assert mentions(brief.decided_by, "board")
    assert mentions(brief.reason, "transport")


def test_passive_with_agent() -> None:
    brief = brief_of(
        "Tenants' appeal thrown out",
        "An appeal by tenants of Carlow House against their eviction has been thrown out by the High Court. "
        "The judge ruled that the landlord had followed the correct procedure.",
    )
    assert brief.status == Status.DECLINED
    assert mentions(brief.requester, "tenants")
    assert mentions(brief.decided_by, "High Court")
    assert mentions(brief.request, "eviction")


def test_future_decision_is_pending() -> None:
    brief = brief_of(
        "Drilling licence decision due",
        "Greenfield Energy has applied for a licence to drill two exploratory wells off the Kestle coast. "
        "The Offshore Regulator will decide next month whether to grant it.",
    )
    assert brief.status == Status.PENDING
    assert mentions(brief.requester, "Greenfield Energy")
    assert mentions(brief.decided_by, "Offshore Regulator")


def test_expected_to_rule_is_pending() -> None:
    brief = brief_of(
        "Court to rule on congestion charge",
        "The Supreme Court is expected to rule in June on an appeal by the city of Marlow against a ban on its congestion charge.",
    )
    assert brief.status == Status.PENDING
    assert mentions(brief.decided_by, "Supreme Court")
    assert mentions(brief.requester, "Marlow")


def test_adjourned_is_pending() -> None:
    brief = brief_of(
        "Mine hearing adjourned",
        "A hearing on Deepcut Mining's request to reopen the Tallow pit was adjourned until May after new evidence emerged.",
    )
    assert brief.status == Status.PENDING
    assert mentions(brief.requester, "Deepcut Mining")


def test_approved_some_rejected_others_is_partial() -> None:
    brief = brief_of(
        "Turbines partly approved",
        "The planning board approved four of the seven wind turbines sought by Hillcrest Power but rejected the other three "
        "because of their height.",
    )
    assert brief.status == Status.PARTIAL
    assert mentions(brief.decided_by, "planning board")
    assert mentions(brief.reason, "height")


def test_reduced_penalty_is_partial() -> None:
    brief = brief_of(
        "Driver's ban cut",
        "Racing driver Tom Vale has had his six-race ban reduced to three races after an appeal to the sport's tribunal.",
    )
    assert brief.status == Status.PARTIAL
    assert mentions(brief.requester, "Tom Vale")


def test_request_without_decision_is_unknown() -> None:
    brief = brief_of(
        "Union lodges pay claim",
        "The Bakers' Union has asked Crustco for a 5% pay rise for its 900 workers. Talks are continuing this week.",
    )
    assert brief.status == Status.UNKNOWN
    assert brief.requester is None


def test_no_request_is_unknown() -> None:
    brief = brief_of(
        "Town wins in extra time",
        "Harlow Town beat Calder 3-2 after extra time on Saturday. Their striker scored twice and the crowd of 4,000 sang "
        "until the final whistle.",
    )
    assert brief.status == Status.UNKNOWN
    assert brief.requester is None and brief.decided_by is None


def test_denials_and_no_comment_are_not_decisions() -> None:
    brief = brief_of(
        "Minister rejects resignation reports",
        "The health minister has rejected reports that she will resign after the hospital scandal. "
        "Her office declined to comment on the allegations. She denied any wrongdoing.",
    )
    assert brief.status == Status.UNKNOWN
    assert brief.requester is None


def test_requester_never_names_the_decider() -> None:
    brief = brief_of(
        "Board backs merger",
        "The board of Alder Bank has approved a merger with Birch Bank, which proposed the deal in May.",
    )
    assert brief.status == Status.APPROVED
    if brief.requester and brief.decided_by:
        assert "alder" not in brief.requester.lower()


# --- seeds ------------------------------------------------------------------------------------


def test_sample_seed_article() -> None:
    article = read_file(SEEDS / "000_4a877bff2c10e4a4.txt")
    brief = HeuristicSummarizer().summarize(article)
    assert_well_formed(brief, article)
    assert brief.status == Status.DECLINED
    assert mentions(brief.requester, "Ukraine")
    assert mentions(brief.request, "Cheongung")
    assert mentions(brief.decided_by, "South Korea")
    assert mentions(brief.reason, "trade law") or mentions(brief.reason, "export")
    assert mentions(brief.reason, "war zone")
    assert mentions(brief.reason, "2030")
    assert (brief.title, brief.source, brief.summarizer) == (article.title, article.source, "heuristic")


@pytest.mark.parametrize(
    ("name", "status", "requester", "decided_by"),
    [
        ("sample_approved.txt", Status.APPROVED, "Friends of Lakeside Library", "Lakeside Borough Council"),
        ("sample_declined.txt", Status.DECLINED, "Skyport", "Civil Aviation Authority"),
        ("sample_partial.txt", Status.PARTIAL, "National Teachers' Union", "Education Ministry"),
        ("sample_pending.txt", Status.PENDING, "Northgate Developments", "Planners"),
        ("sample_unknown.txt", Status.UNKNOWN, None, None),
    ],
)
def test_seed_samples(name: str, status: Status, requester: str | None, decided_by: str | None) -> None:
    article = read_file(SEEDS / name)
    brief = HeuristicSummarizer().summarize(article)
    assert_well_formed(brief, article)
    assert brief.status == status
    if requester is None:
        assert brief.requester is None
    else:
        assert mentions(brief.requester, requester)
        assert mentions(brief.decided_by, decided_by)
        assert brief.evidence.decision and brief.evidence.request


def test_deterministic() -> None:
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CASES.glob("*.txt"))
    first = [HeuristicSummarizer().summarize(read_file(p)).to_json() for p in paths]
    summarizer = HeuristicSummarizer()
    again = [summarizer.summarize(read_file(p)).to_json() for p in paths]
    assert first == again


def test_long_fields_are_capped() -> None:
    long_name = " ".join(["Greater"] * 30) + " Council"
    long_thing = "a " + " ".join(["very"] * 120) + " long extension"
    brief = brief_of(
        "Plan approved",
        f"{long_name} has approved an application by the {long_name} Residents Association to build {long_thing}, "
        f"citing {long_thing}.",
    )
    for name, cap in CAPS.items():
        value = getattr(brief, name)
        assert value is None or len(value) <= cap


def test_fast_enough() -> None:
    articles = [read_file(p) for p in sorted(CASES.glob("*.txt"))]
    summarizer = HeuristicSummarizer()
    timings = []
    for article in articles * 3:
        start = time.perf_counter()
        summarizer.summarize(article)
        timings.append(time.perf_counter() - start)
    # the target is < 10 ms a news article; short articles on a loaded CI machine get headroom
    assert statistics.median(timings) < 0.02


# --- crisp wording: a brief reads like an analyst wrote it ----------------------------------------

WRAPPED = re.compile(
    r"(?i)^(?:a|an|the)\s+(?:\w+\s+)?(?:request|application|demand|proposal|attempt)\s+(?:by|from)\s"
)


def assert_crisp(brief: Brief) -> None:
    """One phrase per field: no joined segments, no asker inside the request, no sentence as decision."""
    if brief.request:
        assert " — " not in brief.request, brief.request
        assert not WRAPPED.match(brief.request), brief.request
        if brief.requester and len(brief.requester) > 3:
            assert brief.requester.lower() not in brief.request.lower(), (brief.requester, brief.request)
    if brief.decision:
        assert len(brief.decision) <= 120, brief.decision
        assert brief.decision != brief.evidence.decision
        assert not brief.decision.endswith("."), brief.decision
        if brief.decided_by and len(brief.decided_by) > 3:
            assert brief.decided_by.lower() not in brief.decision.lower(), (brief.decided_by, brief.decision)
    if brief.reason:
        assert not brief.reason.endswith("."), brief.reason
        assert brief.reason.count('"') % 2 == 0, brief.reason
    for name in (brief.requester, brief.decided_by):
        assert name is None or not name.endswith("."), name


def test_seed_article_reads_crisply() -> None:
    for path in (SEEDS / "000_4a877bff2c10e4a4.txt", SEEDS / "000_4a877bff2c10e4a4.html"):
        brief = HeuristicSummarizer().summarize(read_file(path))
        assert_crisp(brief)
        # the lede's full clause, not the headline's "Ukrainian request for defense system sales"
        assert brief.request.startswith("to purchase") and mentions(brief.request, "Cheongung")
        assert "request for" not in brief.request
        # the body names the deciding government; the decision is its verb phrase
        assert mentions(brief.decided_by, "South Korea") and mentions(brief.decided_by, "government")
        assert brief.decision.startswith("declined") and len(brief.decision) < 60
        assert brief.decision in brief.evidence.decision
        # two grounds in consecutive sentences, joined as clauses
        assert "; " in brief.reason and len(brief.reason) <= 250


def test_samples_read_crisply() -> None:
    declined = HeuristicSummarizer().summarize(read_file(SEEDS / "sample_declined.txt"))
    assert declined.request == "to double the number of night flights it handles"
    assert declined.decision == "rejected the request"
    partial = HeuristicSummarizer().summarize(read_file(SEEDS / "sample_partial.txt"))
    # a bare "pay claim" is completed by what the union asked for in words
    assert partial.request == "a pay claim: a 7% rise and a cap of 25 pupils per class"
    assert partial.decision.startswith("agreed to part of the pay claim")
    assert "refusing smaller class sizes" in partial.decision
    approved = HeuristicSummarizer().summarize(read_file(SEEDS / "sample_approved.txt"))
    assert approved.request.startswith("to build a two-storey extension")
    assert approved.decision == "approved the application"
    pending = HeuristicSummarizer().summarize(read_file(SEEDS / "sample_pending.txt"))
    assert pending.decision.startswith("deferred a decision")


@pytest.mark.parametrize(
    "path",
    sorted(SEEDS.glob("*.txt")) + sorted(CASES.glob("*.txt")) + sorted((HELDOUT2 / "docs").glob("*.txt")),
    ids=lambda p: p.name,
)
def test_every_seed_and_case_reads_crisply(path: Path) -> None:
    article = read_file(path)
    brief = HeuristicSummarizer().summarize(article)
    assert_well_formed(brief, article)
    assert_crisp(brief)


@pytest.mark.parametrize(
    ("title", "text", "decision", "asked"),
    [
        (
            "Fare rise refused",
            "The Office of Rail Regulation did not approve a request by Northwind Trains to raise fares by 9%.",
            "did not approve the request",
            "to raise fares by 9%",
        ),
        (
            "FA to decide on Rovers appeal",
            "The Football Association will decide next week on an appeal by Rovers against a six-point deduction.",
            "will decide next week on the appeal",
            "an appeal against a six-point deduction",
        ),
        (
            "Judge to rule on Kestrel appeal",
            "Kestrel Air has asked the High Court to overturn a £2m fine imposed over delayed refunds.",
            "will rule on the appeal",
            "to overturn a £2m fine imposed over delayed refunds",
        ),
        (
            "Tobacco claim thrown out",
            "A claim by the Harbour Trust against three tobacco firms has been thrown out by an appeal court.",
            "threw out the claim",
            "a claim against three tobacco firms",
        ),
        (
            "Runway approved",
            "The government has approved plans by Eastport Airport to build a second runway, on condition that night "
            "flights are cut by half.",
            "approved the plans",
            "to build a second runway",
        ),
        (
            "Supermarket refused",
            "Brayton Council has refused an application by FreshCo for planning permission to build a 24-hour "
            "supermarket, saying it would harm local shops.",
            "refused the application",
            "to build a 24-hour supermarket",
        ),
        (
            "Pipeline decision put off",
            "The energy minister has put off a decision on Northgas's application to build a pipeline under the "
            "Dee estuary until the autumn, saying more environmental studies are needed.",
            "put off a decision on the application",
            "to build a pipeline under the Dee estuary",
        ),
        (
            # "a rail link" is no denial ("denied any link"); "proposed by" names who asked
            "Ministers back airport link",
            "Ministers have given the go-ahead to a £2bn rail link to Eastport Airport proposed by the regional "
            "transport board.",
            "gave the go-ahead to a £2bn rail link to Eastport Airport",
            "a £2bn rail link to Eastport Airport",
        ),
        (
            "Bypass schemes partly approved",
            "The transport ministry has approved three of the five road schemes put forward by Dunmore Council but "
            "rejected the other two.",
            "approved three of the five road schemes but rejected the other two",
            None,
        ),
    ],
)
def test_decision_is_a_verb_phrase(title: str, text: str, decision: str, asked: str | None) -> None:
    article = Article(source="inline.txt", title=title, text=text)
    brief = HeuristicSummarizer().summarize(article)
    assert_well_formed(brief, article)
    assert_crisp(brief)
    assert brief.decision == decision
    if asked is not None:
        assert brief.request == asked


def test_phrasing_helpers() -> None:
    from bot.summarizers.phrasing import clean_clause, crisp_request, decision_object, is_bare, past_tense

    def skyport(name: str) -> bool:
        return "Skyport" in name

    assert crisp_request("a request by Skyport Airport to double night flights", is_owner=skyport) == (
        "to double night flights"
    )
    assert crisp_request("Ukrainian request for defense system sales", is_owner=lambda n: n == "Ukraine") == (
        "defense system sales"
    )
    # a name that is not the asker stays
    assert crisp_request("a request by Skyport Airport to double night flights") == (
        "a request by Skyport Airport to double night flights"
    )
    assert crisp_request(
        "the ministry to reopen pay talks after members rejected the offer", recipient="the ministry"
    ) == ("to reopen pay talks")
    assert crisp_request(
        "whether to clear Telvana's takeover of Orbis", is_owner=lambda n: n == "Telvana"
    ) == ("a takeover of Orbis")
    assert crisp_request("visas to perform in the United States, forcing them to cancel a tour") == (
        "visas to perform in the United States"
    )
    assert crisp_request("to close the park at night") == "to close the park at night"
    assert crisp_request("regulatory clearance in January") == "regulatory clearance"
    assert decision_object(
        "a second offer from City for their midfielder", is_owner=lambda n: n == "City"
    ) == ("the second offer")
    # a request noun stands for the request (the request field says what it was) ...
    assert (
        decision_object("the merger of FlyNorth and Skyway, on condition that slots are sold") == "the merger"
    )
    # ... other objects keep their head and lose conditions and long relative clauses
    assert decision_object("the route through the city centre, on condition that it avoids the hospital") == (
        "the route through the city centre"
    )
    assert is_bare("a pay claim") == (True, True)
    assert is_bare("its appeal") == (True, False)
    assert is_bare("regulatory clearance") == (True, False)
    assert is_bare("to buy the club") == (False, False)
    assert past_tense("given the go-ahead") == "gave the go-ahead"
    assert past_tense("rejected") == "rejected"
    assert clean_clause('it was not "internationally recognised.') == "it was not internationally recognised"
    assert len(clean_clause("word " * 100, 50)) <= 50


# --- our own held-out set ---------------------------------------------------------------------


def _score(expected: dict[str, dict], briefs: dict[str, Brief]) -> dict[str, float]:
    """The shared scorer's metrics, re-done here so the tests run without `../shared`."""
    sums: dict[str, list[float]] = {
        k: [] for k in ("status", "requester", "decided_by", "request", "reason", "negatives")
    }
    for name, exp in expected.items():
        brief = briefs[name]
        gold = "unknown" if exp["status"] == "none" else exp["status"]
        sums["status"].append(float(brief.status == gold))
        if exp["status"] == "none":
            sums["negatives"].append(float(brief.status == Status.UNKNOWN and not brief.requester))
            continue
        sums["requester"].append(float(any(mentions(brief.requester, a) for a in exp["requester"])))
        sums["decided_by"].append(float(any(mentions(brief.decided_by, a) for a in exp["decided_by"])))
        for field in ("request", "reason"):
            groups = exp.get(field) or []
            if groups:
                hit = sum(any(mentions(getattr(brief, field), alt) for alt in group) for group in groups)
                sums[field].append(hit / len(groups))
    return {k: sum(v) / len(v) for k, v in sums.items() if v}


def test_held_out_cases() -> None:
    expected = json.loads((CASES / "cases.json").read_text(encoding="utf-8"))
    briefs = {}
    for name in expected:
        article = read_file(CASES / name)
        briefs[name] = HeuristicSummarizer().summarize(article)
        assert_well_formed(briefs[name], article)
    scores = _score(expected, briefs)
    assert scores["status"] >= 0.85, scores
    assert scores["requester"] >= 0.80, scores
    assert scores["decided_by"] >= 0.75, scores
    assert scores["request"] >= 0.70, scores
    assert scores["reason"] >= 0.60, scores
    assert scores["negatives"] >= 0.90, scores


# --- the shared development set ---------------------------------------------------------------


@pytest.mark.skipif(
    not (SHARED_EVAL / "score.py").is_file(), reason="../shared/eval is absent (a fresh clone)"
)
def test_development_set_targets() -> None:
    spec = importlib.util.spec_from_file_location("shared_eval_score", SHARED_EVAL / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    labels = [
        json.loads(line)
        for line in (SHARED_EVAL / "dev" / "labels.jsonl").read_text().splitlines()
        if line.strip()
    ]
    briefs = []
    for path in sorted((SHARED_EVAL / "dev" / "docs").iterdir()):
        article = read_file(path)
        brief = HeuristicSummarizer().summarize(article)
        assert_well_formed(brief, article)
        briefs.append(json.loads(brief.to_json()))
    scores = scorer.score(labels, briefs)
    assert scores["missing_briefs"] == 0
    assert scores["status"] >= 0.85, scores
    assert scores["requester"] >= 0.80, scores
    assert scores["decided_by"] >= 0.75, scores
    assert scores["request"] >= 0.70, scores
    assert scores["reason"] >= 0.60, scores
    assert scores["negatives"] >= 0.90, scores


@pytest.mark.skipif(
    not (SHARED_EVAL / "score.py").is_file(), reason="../shared/eval is absent (a fresh clone)"
)
def test_heldout2_floors_with_the_shared_scorer() -> None:
    """Our second held-out set, scored by the shared scorer itself.

    Measured before any tuning on it: status 0.867, requester 0.625, decided_by 0.875, request
    0.792, reason 0.409, negatives 0.833; after general fixes 0.933 / 0.833 / 0.958 / 0.833 /
    0.773 / 1.0. The floors sit about 0.1 below, so a change that loses a pattern fails here.
    """
    spec = importlib.util.spec_from_file_location("shared_eval_score", SHARED_EVAL / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    labels = [
        json.loads(line) for line in (HELDOUT2 / "labels.jsonl").read_text().splitlines() if line.strip()
    ]
    briefs = []
    for path in sorted((HELDOUT2 / "docs").glob("*.txt")):
        article = read_file(path)
        brief = HeuristicSummarizer().summarize(article)
        assert_well_formed(brief, article)
        briefs.append(json.loads(brief.to_json()))
    scores = scorer.score(labels, briefs)
    assert scores["articles"] == 30 and scores["missing_briefs"] == 0, scores
    assert scores["status"] >= 0.85, scores
    assert scores["requester"] >= 0.70, scores
    assert scores["decided_by"] >= 0.85, scores
    assert scores["request"] >= 0.72, scores
    assert scores["reason"] >= 0.65, scores
    assert scores["negatives"] >= 0.83, scores


def test_prefilter_never_hides_a_verb() -> None:
    """The cheap word filter in `lexicon` must pass every sentence that a verb pattern matches."""
    from bot.summarizers import lexicon as lx

    sentences = []
    for path in sorted(SEEDS.glob("*.txt")) + sorted(CASES.glob("*.txt")):
        article = read_file(path)
        sentences += split_sentences(article.title or "") + split_sentences(article.text)
    sentences += ["The board said no to the plan.", "It was approved in part.", "The court has yet to rule."]
    for sentence in sentences:
        if not lx.has_stem(sentence, lx.DECISION_STEMS, lx.DECISION_WORDS):
            for pattern, _, _ in lx.DECISION_VERBS:
                assert not pattern.search(sentence), (pattern.pattern, sentence)
            for pattern in (lx.PENDING_VERB_AFTER_MODAL, lx.PENDING_PROGRESSIVE, lx.NEEDS_BACKING):
                assert not pattern.search(sentence), (pattern.pattern, sentence)
        if not lx.has_stem(sentence, lx.REQUEST_STEMS, lx.REQUEST_WORDS):
            for pattern, _ in lx.REQUEST_VERBS:
                assert not pattern.search(sentence), (pattern.pattern, sentence)
