"""The LLM summariser against a fake OpenAI-compatible server on 127.0.0.1 (tests/fakes/openai.py).

Each scenario leads to its documented outcome (see bot/summarizers/llm/summarizer.py):

    correct brief                    → "openai" brief naming the model, evidence stored as the article's sentences
    grounded, heuristic disagrees    → the model's fields stand (the heuristic never vetoes)
    malformed JSON / schema breach   → one re-ask with our findings; twice → heuristic brief
    ungrounded field (evidence not found, invented name)  → that field alone from the heuristic, no re-ask
    field left null                  → the heuristic's value, unless the model reports no request at all
    invented name/number in summary  → the heuristic's summary, the rest from the model
    status its evidence contradicts  → re-ask quoting the conflict; again → status and decision alone fall back
    429 + Retry-After                → waits as told, then the "openai" brief
    timeout                          → heuristic brief within the budget
    no json_schema support           → detected (400, llama-cpp-python's 500), remembered, works
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fakes.openai import FakeOpenAI, Reply, completion, error

from bot.config import Settings
from bot.errors import ConfigError
from bot.models import Article, Brief, Evidence, Status
from bot.render.blocks import brief_message
from bot.summarizers import make_summarizer
from bot.summarizers.heuristic import HeuristicSummarizer
from bot.summarizers.llm.budget import TRUNCATION_MARK, estimate_tokens, truncate_article
from bot.summarizers.llm.client import ChatClient, LLMError, forget_modes
from bot.summarizers.llm.grounding import (
    SentenceIndex,
    contradiction,
    decision_cues,
    invented_terms,
    named_in,
)
from bot.summarizers.llm.schema import LLM_FIELDS, brief_json_schema
from bot.summarizers.llm.summarizer import OpenAISummarizer

REPO = Path(__file__).resolve().parents[2]
SECRET = "sk-test-Zq9SECRET-do-not-log-4242"

TITLE = "Greenfield council rejects harbour tower plan"
LEDE = ("Greenfield Council on Tuesday rejected a request by Apex Developments to build a 30-storey "
        "tower on the harbour front.")
VOTE = "The planning committee voted 7 to 2 against the application."
REASON = "Councillors said the tower would overshadow the historic fish market and strain local roads."
APPEAL = "Apex Developments said it would consider an appeal."
ARTICLE = Article(source="tests/harbour.txt", title=TITLE, site="Greenfield Gazette", published="2024-05-14",
                  text="\n".join([LEDE, f"{VOTE} {REASON}", APPEAL]))


def good_answer(**changes) -> dict:
    answer = {
        "summary": "Greenfield Council rejected the Apex Developments plan for a 30-storey harbour tower.",
        "requester": "Apex Developments",
        "request": "permission to build a 30-storey tower on the harbour front",
        "decided_by": "Greenfield Council",
        "status": "declined",
        "decision": "rejected the application by 7 votes to 2",
        "reason": "the tower would overshadow the historic fish market and strain local roads",
        # quoted with the small slips models make: extra spaces, no final full stop
        "evidence": {"requester": "Greenfield  Council on Tuesday rejected a request by Apex Developments to "
                                  "build a 30-storey tower on the harbour front",
                     "request": LEDE, "decision": VOTE, "reason": REASON},
    }
    evidence = changes.pop("evidence", {})
    answer.update(changes)
    answer["evidence"] = {**answer["evidence"], **evidence}
    return answer


@pytest.fixture(autouse=True)
def _fresh_mode_memory():
    forget_modes()
    yield
    forget_modes()


@pytest.fixture
def fake():
    with FakeOpenAI() as server:
        yield server


def settings_for(fake: FakeOpenAI, **overrides) -> Settings:
    values = dict(summarizer="openai", openai_base_url=fake.base_url, openai_model="fake-model",
                  openai_api_key=SECRET, openai_timeout=5.0, openai_max_retries=2)
    values.update(overrides)
    return Settings(_env_file=None, **values)


def make(fake: FakeOpenAI, *, sleep=None, **overrides) -> OpenAISummarizer:
    kwargs = {"sleep": sleep} if sleep else {}
    return OpenAISummarizer(settings_for(fake, **overrides), fallback=HeuristicSummarizer(), **kwargs)


def heuristic_brief():
    return HeuristicSummarizer().summarize(ARTICLE)


class StubHeuristic:
    """A fallback with a known answer, so a test doesn't depend on what the heuristic finds."""

    name = "heuristic"

    def __init__(self, **fields):
        self.fields = fields

    def summarize(self, article: Article) -> Brief:
        values = dict(summary="The stub's summary.", requester="Greenfield Gazette", request="the stub's request",
                      decided_by="Greenfield", status=Status.APPROVED, decision="the stub's decision",
                      reason="the stub's reason", evidence=Evidence(requester=APPEAL, request=APPEAL,
                                                                    decision=APPEAL, reason=APPEAL))
        values.update(self.fields)
        return Brief(source=article.source, title=article.title, **values)


def make_stubbed(fake: FakeOpenAI, **fields) -> OpenAISummarizer:
    return OpenAISummarizer(settings_for(fake), fallback=StubHeuristic(**fields))


# --- the happy path ----------------------------------------------------------------------------------

def test_correct_brief_is_used_with_the_articles_own_sentences(fake, caplog):
    fake.queue(completion(good_answer()))
    caplog.set_level(logging.INFO)
    brief = make(fake).summarize(ARTICLE)

    assert (brief.summarizer, brief.model) == ("openai", "fake-model")
    assert (brief.requester, brief.decided_by, brief.status) == ("Apex Developments", "Greenfield Council",
                                                                 Status.DECLINED)
    assert brief.reason.startswith("the tower would overshadow")
    assert brief.summary == good_answer()["summary"]
    # the model's sloppy quote is replaced by the article's sentence, verbatim
    assert brief.evidence.requester == LEDE
    assert brief.evidence.model_dump() == {"requester": LEDE, "request": LEDE, "decision": VOTE, "reason": REASON}
    assert (brief.title, brief.site, brief.published, brief.source) == (TITLE, "Greenfield Gazette",
                                                                        "2024-05-14", "tests/harbour.txt")

    [request] = fake.chat_requests()
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {SECRET}"
    assert request.json["model"] == "fake-model"
    fmt = request.json["response_format"]
    assert fmt["type"] == "json_schema"
    schema = fmt["json_schema"]["schema"]
    assert schema["properties"].keys() == brief_json_schema()["properties"].keys()
    assert "maxLength" in json.dumps(brief_json_schema()) and "maxLength" not in json.dumps(schema)
    assert set(schema["required"]) == {*LLM_FIELDS, "evidence"} and schema["additionalProperties"] is False
    assert "$ref" not in json.dumps(schema)  # self-contained: some servers don't resolve references
    user = request.json["messages"][-1]["content"]
    assert TITLE in user and LEDE in user and APPEAL in user
    # one INFO line per brief: where each field came from, tokens (when reported), calls, seconds
    [line] = [r for r in caplog.records if getattr(r, "verdict_llm", None)]
    assert line.levelno == logging.INFO
    message = line.getMessage()
    assert "model fake-model" in message and "prompt 120, completion 80 tokens" in message
    assert "from the model: summary, requester, request, decided_by, status, decision, reason" in message
    assert "from the fallback: none" in message and "1 call(s)" in message and " s" in message
    assert line.verdict_llm["fallback"] == {} and line.verdict_llm["seconds"] >= 0


def test_no_api_key_sends_no_authorization_header(fake):
    fake.queue(completion(good_answer()))
    summarizer = OpenAISummarizer(settings_for(fake, openai_api_key=""), fallback=HeuristicSummarizer())
    assert summarizer.summarize(ARTICLE).summarizer == "openai"
    assert "authorization" not in fake.chat_requests()[0].headers


def test_answer_in_code_fences_with_prose_is_accepted(fake):
    fake.queue(completion("Here is the brief:\n```json\n" + json.dumps(good_answer()) + "\n```"))
    assert make(fake).summarize(ARTICLE).summarizer == "openai"


# --- answers we can't accept: one re-ask with our findings, then the heuristic ------------------------

def test_malformed_json_is_reasked_once_with_our_findings(fake):
    fake.queue(completion('{"summary": "Greenfield Council rejected", "status": '), completion(good_answer()))
    brief = make(fake).summarize(ARTICLE)
    assert brief.summarizer == "openai"
    first, second = fake.chat_requests()
    reask = second.json["messages"]
    assert reask[:2] == first.json["messages"]
    assert reask[2] == {"role": "assistant", "content": '{"summary": "Greenfield Council rejected", "status": '}
    assert "not a valid JSON object" in reask[3]["content"]


def test_malformed_json_twice_falls_back_to_heuristic_and_says_why(fake, caplog):
    fake.queue(completion("I think the council said no."), completion("{not json}"))
    brief = make(fake).summarize(ARTICLE)
    assert brief == heuristic_brief()
    assert brief.summarizer == "heuristic"
    assert len(fake.chat_requests()) == 2
    warning = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("heuristic brief" in m and "not a valid JSON object" in m for m in warning)


def test_schema_violation_is_reasked_naming_the_fields(fake):
    bad = good_answer(status="rejected-ish")
    del bad["reason"]
    fake.queue(completion(bad), completion(good_answer()))
    brief = make(fake).summarize(ARTICLE)
    assert brief.summarizer == "openai" and brief.status == Status.DECLINED
    findings = fake.chat_requests()[1].json["messages"][-1]["content"]
    assert "status:" in findings and "reason:" in findings
    # our own wording, not the API's: nothing about HTTP or the server
    assert "HTTP" not in findings


def test_schema_violation_twice_falls_back(fake):
    fake.queue(completion(good_answer(requester=["Apex"])), completion(good_answer(extra_key="x")))
    assert make(fake).summarize(ARTICLE) == heuristic_brief()


def test_overlong_field_is_a_schema_violation(fake):
    fake.queue(completion(good_answer(requester="Apex " * 40)), completion(good_answer()))
    brief = make(fake).summarize(ARTICLE)
    assert brief.requester == "Apex Developments"
    assert "requester:" in fake.chat_requests()[1].json["messages"][-1]["content"]


# --- grounding ------------------------------------------------------------------------------------------

def test_hallucinated_evidence_drops_that_field_to_the_heuristics(fake):
    invented = "Councillors feared the tower would attract too many tourists to the quiet harbour."
    fake.queue(completion(good_answer(reason="too many tourists", evidence={"reason": invented})))
    brief = make(fake).summarize(ARTICLE)
    heuristic = heuristic_brief()
    assert brief.summarizer == "openai"
    # the model's reason is gone; the field is what the offline summariser found (maybe null)
    assert (brief.reason, brief.evidence.reason) == (heuristic.reason, heuristic.evidence.reason)
    assert brief.reason != "too many tourists" and brief.evidence.reason != invented
    assert brief.requester == "Apex Developments" and brief.evidence.decision == VOTE
    assert len(fake.chat_requests()) == 1  # dropping is the outcome; no re-ask for it


def test_field_without_evidence_is_dropped(fake):
    fake.queue(completion(good_answer(request="a casino licence", evidence={"request": None})))
    brief = make(fake).summarize(ARTICLE)
    assert brief.request == heuristic_brief().request and brief.request != "a casino licence"
    assert brief.evidence.request == heuristic_brief().evidence.request
    assert brief.requester == "Apex Developments"


def test_field_the_model_leaves_null_is_filled_by_the_heuristic(fake, caplog):
    caplog.set_level(logging.INFO)
    fake.queue(completion(good_answer(status="approved", decision="approved it", reason=None, decided_by=None,
                                      evidence={"reason": None, "decision": APPEAL})))
    brief = make_stubbed(fake).summarize(ARTICLE)
    assert (brief.reason, brief.evidence.reason, brief.decided_by) == ("the stub's reason", APPEAL, "Greenfield")
    assert brief.requester == "Apex Developments"
    [line] = [r.getMessage() for r in caplog.records if "from the fallback" in r.getMessage()]
    assert "decided_by (the model left it null); reason (the model left it null)" in line


def test_a_reason_for_another_status_is_not_borrowed(fake):
    fake.queue(completion(good_answer(reason=None, evidence={"reason": None})))  # declined; the stub: approved
    brief = make_stubbed(fake).summarize(ARTICLE)
    assert brief.status == Status.DECLINED and brief.reason is None and brief.evidence.reason is None


def test_invented_name_in_summary_uses_the_heuristic_summary(fake):
    fake.queue(completion(good_answer(
        summary="Mayor John Whitaker and Greenfield Council rejected the Apex Developments tower.")))
    brief = make(fake).summarize(ARTICLE)
    assert brief.summarizer == "openai"
    assert brief.summary == heuristic_brief().summary
    assert "Whitaker" not in brief.summary
    assert brief.requester == "Apex Developments"  # the grounded fields stay


def test_invented_number_in_summary_uses_the_heuristic_summary(fake):
    fake.queue(completion(good_answer(summary="Greenfield Council rejected a 45-storey harbour tower.")))
    assert make(fake).summarize(ARTICLE).summary == heuristic_brief().summary


def test_invented_name_in_a_field_drops_the_field(fake):
    fake.queue(completion(good_answer(decided_by="Greenfield Planning Inspectorate")))
    brief = make(fake).summarize(ARTICLE)
    assert brief.decided_by == heuristic_brief().decided_by and brief.summarizer == "openai"
    assert "Inspectorate" not in (brief.decided_by or "")


def test_a_clause_instead_of_a_name_is_dropped(fake):
    fake.queue(completion(good_answer(decided_by="Greenfield Council on Tuesday rejected a request by Apex "
                                                 "Developments to build a tower")))
    assert make(fake).summarize(ARTICLE).decided_by == heuristic_brief().decided_by


def test_a_decider_the_article_never_names_is_dropped(fake):
    fake.queue(completion(good_answer(decided_by="the harbour authority")))  # "authority": not in the article
    assert make(fake).summarize(ARTICLE).decided_by == heuristic_brief().decided_by
    # named in the article, though not in the headline nor in any evidence sentence the model quoted
    fake.queue(completion(good_answer(decided_by="the planning committee",
                                      evidence={"decision": LEDE, "requester": LEDE, "reason": LEDE})))
    assert make(fake).summarize(ARTICLE).decided_by == "the planning committee"


def test_status_contradicting_its_evidence_is_reasked_then_accepted(fake):
    fake.queue(completion(good_answer(status="approved")), completion(good_answer()))
    brief = make(fake).summarize(ARTICLE)
    assert brief.status == Status.DECLINED and brief.summarizer == "openai"
    assert '"approved"' in fake.chat_requests()[1].json["messages"][-1]["content"]


def test_status_contradicting_its_evidence_twice_falls_back_alone(fake, caplog):
    caplog.set_level(logging.INFO)
    fake.queue(completion(good_answer(status="approved")), completion(good_answer(status="approved")))
    brief = make_stubbed(fake, status=Status.DECLINED).summarize(ARTICLE)
    first, second = fake.chat_requests()
    reask = second.json["messages"][-1]["content"]
    # the re-ask quotes the conflict: our status word, the verb found and the sentence
    assert '"approved"' in reask and '"voted 7 to 2 against"' in reask and VOTE in reask
    # status and decision fall back; everything else grounded stays the model's
    assert (brief.summarizer, brief.status, brief.decision) == ("openai", Status.DECLINED, "the stub's decision")
    assert brief.evidence.decision == APPEAL
    assert (brief.requester, brief.decided_by, brief.reason) == ("Apex Developments", "Greenfield Council",
                                                                good_answer()["reason"])
    assert any("status (its decision evidence reports the opposite decision" in r.getMessage()
               for r in caplog.records)


def test_conflict_then_unusable_reask_keeps_the_first_answer_without_its_status(fake):
    fake.queue(completion(good_answer(status="approved")), completion("{not json"))
    brief = make_stubbed(fake, status=Status.DECLINED).summarize(ARTICLE)
    assert (brief.summarizer, brief.status, brief.requester) == ("openai", Status.DECLINED, "Apex Developments")


def test_grounded_answer_that_disagrees_with_the_heuristic_wins(fake):
    # the stub heuristic says "approved", names another requester and decider, and another reason
    fake.queue(completion(good_answer()))
    brief = make_stubbed(fake).summarize(ARTICLE)
    assert brief.status == Status.DECLINED and brief.evidence.decision == VOTE
    assert (brief.requester, brief.request, brief.decided_by, brief.decision, brief.reason) == tuple(
        good_answer()[name] for name in ("requester", "request", "decided_by", "decision", "reason"))


@pytest.mark.parametrize("status, sentence", [
    ("pending", "A ruling on the Apex appeal is expected early next month."),
    ("pending", "Apex Developments is awaiting approval from the regional planning office."),
    ("approved", "Apex Developments has gained a court injunction against the council."),
    # a verb near "against" is no refusal: the ruling went the requester's way
    ("approved", "The council's rules unfairly discriminated against small builders, the tribunal has ruled."),
])
def test_a_status_without_a_cue_word_in_its_evidence_is_not_doubted(fake, status, sentence):
    article = ARTICLE.model_copy(update={"text": ARTICLE.text + "\n" + sentence})
    fake.queue(completion(good_answer(status=status, decision="see the sentence", evidence={"decision": sentence})))
    brief = make_stubbed(fake, status=Status.DECLINED).summarize(article)
    assert (brief.status, brief.evidence.decision) == (Status(status), sentence)
    assert len(fake.chat_requests()) == 1  # nothing to re-ask


def test_an_ungrounded_field_falls_back_alone(fake, caplog):
    caplog.set_level(logging.INFO)
    invented = "Councillors feared the tower would attract too many tourists to the quiet harbour."
    fake.queue(completion(good_answer(reason="too many tourists", evidence={"reason": invented})))
    brief = make_stubbed(fake, status=Status.DECLINED).summarize(ARTICLE)
    assert (brief.reason, brief.evidence.reason) == ("the stub's reason", APPEAL)
    good = good_answer()
    assert (brief.status, brief.requester, brief.request, brief.decided_by, brief.decision) == (
        Status.DECLINED, good["requester"], good["request"], good["decided_by"], good["decision"])
    assert brief.evidence.decision == VOTE and brief.summary == good["summary"]
    [line] = [r for r in caplog.records if getattr(r, "verdict_llm", None)]
    assert line.verdict_llm["fallback"] == {"reason": "its evidence is not a sentence of the article"}


def test_a_wording_with_an_invented_name_gives_way_to_its_own_sentence_when_the_heuristic_has_none(fake):
    fake.queue(completion(good_answer(reason="the Heritage Trust said the tower would overshadow the market")))
    brief = make_stubbed(fake, status=Status.DECLINED, reason=None, evidence=Evidence()).summarize(ARTICLE)
    assert (brief.reason, brief.evidence.reason) == (REASON, REASON)
    assert "Heritage" not in brief.reason


def test_disagreeing_status_with_support_wins(fake):
    heuristic = heuristic_brief()
    assert heuristic.status != Status.PENDING
    fake.queue(completion(good_answer(status="pending", decision="will consider an appeal",
                                      evidence={"decision": APPEAL})))
    brief = make(fake).summarize(ARTICLE)
    assert brief.status == Status.PENDING and brief.evidence.decision == APPEAL


def test_no_request_means_no_decision_fields(fake):
    # the model reports no request but still names a decider: nothing was decided by anyone
    fake.queue(completion(good_answer(status="unknown", requester=None, request=None, reason=None,
                                      evidence={"requester": None, "request": None, "decision": None,
                                                "reason": None})))
    brief = make(fake).summarize(ARTICLE)
    assert brief.status == Status.UNKNOWN and brief.summarizer == "openai"
    assert brief.requester is None and brief.decided_by is None and brief.decision is None
    assert brief.evidence.decision is None


# --- the endpoint misbehaving -------------------------------------------------------------------------

def test_429_with_retry_after_waits_then_succeeds(fake):
    waits: list[float] = []
    fake.queue(error(429, "Rate limit reached", headers={"Retry-After": "2"}), completion(good_answer()))
    brief = make(fake, sleep=waits.append).summarize(ARTICLE)
    assert brief.summarizer == "openai"
    assert waits == [2.0]
    assert len(fake.chat_requests()) == 2


def test_429_with_retry_after_really_waits(fake):
    fake.queue(error(429, "Rate limit reached", headers={"Retry-After": "1"}), completion(good_answer()))
    started = time.monotonic()
    assert make(fake).summarize(ARTICLE).summarizer == "openai"
    assert 1.0 <= time.monotonic() - started < 10  # waited, but not for a retry budget


def test_retry_after_beyond_the_budget_falls_back_at_once(fake):
    waits: list[float] = []
    fake.queue(error(429, "Rate limit reached", headers={"Retry-After": "600"}))
    brief = make(fake, sleep=waits.append).summarize(ARTICLE)
    assert brief == heuristic_brief() and waits == []


def test_5xx_is_retried_with_backoff_up_to_max_retries(fake):
    waits: list[float] = []
    fake.queue(*[error(503, "overloaded")] * 3)
    brief = make(fake, sleep=waits.append, openai_max_retries=2).summarize(ARTICLE)
    assert brief == heuristic_brief()
    assert len(fake.chat_requests()) == 3 and len(waits) == 2
    assert waits[0] < waits[1] + 0.5  # exponential (with jitter)


def test_timeout_falls_back_within_the_budget(fake):
    fake.queue(Reply(200, {}, delay=30))
    started = time.monotonic()
    brief = make(fake, openai_timeout=1.0).summarize(ARTICLE)
    elapsed = time.monotonic() - started
    assert brief == heuristic_brief()
    assert elapsed < 10  # the 1 s timeout, not the server's 30 s


def test_unreachable_endpoint_falls_back(fake):
    summarizer = make(fake)
    fake.stop()
    assert summarizer.summarize(ARTICLE) == heuristic_brief()


def test_concurrency_limit(fake):
    fake.responder = lambda request: Reply(**{**completion(good_answer()).__dict__, "delay": 0.3})
    summarizer = make(fake, openai_concurrency=1)
    briefs = []
    threads = [threading.Thread(target=lambda: briefs.append(summarizer.summarize(ARTICLE))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [b.summarizer for b in briefs] == ["openai"] * 3
    assert fake.max_in_flight == 1


# --- servers without JSON-schema support --------------------------------------------------------------

def test_server_refusing_json_schema_with_400_is_detected_and_remembered(fake):
    fake.queue(error(400, "Invalid value for 'response_format.type': json_schema is not supported"),
               completion(good_answer()), completion(good_answer()))
    summarizer = make(fake)
    assert summarizer.summarize(ARTICLE).summarizer == "openai"
    first, second = fake.chat_requests()
    assert first.json["response_format"]["type"] == "json_schema"
    assert second.json["response_format"] == {"type": "json_object", "schema": brief_json_schema()}
    # remembered for this endpoint: even a new summariser asks json_object first
    assert make(fake).summarize(ARTICLE).summarizer == "openai"
    assert fake.chat_requests()[2].json["response_format"]["type"] == "json_object"


def test_llama_cpp_style_500_is_detected(fake):
    # llama-cpp-python validates response_format.type against "text"/"json_object" and answers 500
    fake.queue(Reply(500, {"error": {"message": "[{'type': 'literal_error', 'loc': ('body', 'response_format', "
                                                "'type'), 'msg': \"Input should be 'text' or 'json_object'\"}]",
                                     "type": "internal_server_error"}}),
               completion(good_answer()))
    waits: list[float] = []
    assert make(fake, sleep=waits.append).summarize(ARTICLE).summarizer == "openai"
    assert waits == []  # a refusal is not a transient 500: no backoff
    assert fake.chat_requests()[1].json["response_format"]["type"] == "json_object"


def test_server_without_any_response_format_gets_a_plain_instruction(fake):
    fake.queue(error(422, "response_format: extra fields not permitted"),
               error(400, "response_format json_object is not supported"), completion(good_answer()))
    assert make(fake).summarize(ARTICLE).summarizer == "openai"
    third = fake.chat_requests()[2].json
    assert "response_format" not in third
    assert '"evidence"' in third["messages"][-1]["content"]  # the JSON shape is spelled out instead


def test_reasoning_model_parameter_refusals_are_obeyed_and_remembered(fake):
    fake.queue(error(400, "Unsupported parameter: 'max_tokens' is not supported with this model. "
                          "Use 'max_completion_tokens' instead."),
               error(400, "Unsupported value: 'temperature' does not support 0.0 with this model. "
                          "Only the default (1) value is supported."),
               completion(good_answer()), completion(good_answer()))
    assert make(fake).summarize(ARTICLE).summarizer == "openai"
    assert make(fake).summarize(ARTICLE).summarizer == "openai"
    requests = [r.json for r in fake.chat_requests()]
    assert "max_tokens" in requests[0] and "temperature" in requests[0]
    assert "max_completion_tokens" in requests[1] and "max_tokens" not in requests[1]
    for later in requests[2:]:
        assert "max_completion_tokens" in later and "temperature" not in later
        assert later["response_format"]["type"] == "json_schema"


def test_retry_after_and_refusal_parsing():
    from email.utils import formatdate

    from bot.retry import retry_after_seconds
    from bot.summarizers.llm.client import refuses_format

    assert retry_after_seconds("3") == 3.0
    assert 58 <= retry_after_seconds(formatdate(time.time() + 60, usegmt=True)) <= 61
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
    assert refuses_format(400, "response_format json_schema is not supported")
    assert not refuses_format(500, "CUDA out of memory")  # an ordinary 5xx: retried, not a refusal
    assert not refuses_format(429, "response_format rate limit")


# --- secrets ------------------------------------------------------------------------------------------

def test_api_key_never_in_logs_or_errors(fake, caplog):
    caplog.set_level(logging.DEBUG)
    fake.queue(error(401, f"Incorrect API key provided: {SECRET}. Find your key at example.org"))
    assert make(fake).summarize(ARTICLE) == heuristic_brief()
    fake.queue(error(500, f"internal error for key {SECRET}"), error(500, f"again {SECRET}"),
               error(500, f"still {SECRET}"))
    assert make(fake, sleep=lambda s: None).summarize(ARTICLE) == heuristic_brief()

    client = ChatClient(base_url=fake.base_url, api_key=settings_for(fake).openai_api_key, model="m",
                        max_retries=0)
    fake.queue(error(403, f"key {SECRET} is disabled"))
    with pytest.raises(LLMError) as raised:
        client.complete([{"role": "user", "content": "hi"}], schema={}, deadline=time.monotonic() + 5)
    messages = [str(raised.value)]
    fake.stop()
    with pytest.raises(LLMError) as raised:
        client.complete([{"role": "user", "content": "hi"}], schema={}, deadline=time.monotonic() + 5)
    messages.append(str(raised.value))
    assert raised.value.__cause__ is None and raised.value.__suppress_context__

    assert caplog.records, "the failures were logged"
    for record in caplog.records:
        assert SECRET not in record.getMessage()
        assert SECRET not in (record.exc_text or "")
    for message in messages:
        assert SECRET not in message
    assert SECRET not in repr(settings_for(fake))


# --- budgets ------------------------------------------------------------------------------------------

def test_long_article_is_cut_to_the_budget_keeping_headline_and_lede(fake):
    filler = [f"Paragraph {n} repeats the council's long deliberations about roads and markets." for n in range(400)]
    long_article = ARTICLE.model_copy(update={"text": "\n".join([LEDE, *filler, "The last paragraph is here."])})
    text = truncate_article(long_article, 500)
    assert text.startswith(LEDE) and text.endswith(TRUNCATION_MARK)
    assert "The last paragraph" not in text
    assert estimate_tokens(text) + estimate_tokens(TITLE) <= 500

    fake.queue(completion(good_answer()))
    assert make(fake, openai_max_input_tokens=500).summarize(long_article).summarizer == "openai"
    user = fake.chat_requests()[0].json["messages"][-1]["content"]
    assert TITLE in user and LEDE in user and TRUNCATION_MARK in user and "Paragraph 399" not in user


def test_short_article_is_sent_whole():
    assert truncate_article(ARTICLE, 6000) == ARTICLE.text


def test_an_overlong_lede_keeps_its_first_sentence():
    article = ARTICLE.model_copy(update={"text": (LEDE + " ") + "Another sentence of the same lede. " * 300})
    text = truncate_article(article, 200)
    assert text.startswith(LEDE) and text.endswith(TRUNCATION_MARK)


# --- grounding helpers ----------------------------------------------------------------------------------

def test_sentence_index_is_lenient_on_form_only():
    article = ARTICLE.model_copy(update={"text": "The minister said: “We won’t allow it.” Others disagreed – loudly."})
    index = SentenceIndex(article)
    assert index.find('the minister said: "We won\'t allow it."') == "The minister said: “We won’t allow it.”"
    assert index.find("Others disagreed - loudly") == "Others disagreed – loudly."
    assert index.find("The minister said he would allow it.") is None
    assert index.find("allow") is None
    assert index.find(TITLE.upper()) == TITLE
    # two consecutive sentences quoted as one are still the article's words
    assert index.find("The minister said: \"We won't allow it.\" Others disagreed - loudly.") is not None


def test_invented_terms():
    text = ARTICLE.title + "\n" + ARTICLE.text
    assert invented_terms("Greenfield Council rejected Apex Developments' 30-storey tower.", text) == []
    assert invented_terms("Councillors rejected it 7 to 2.", text) == []
    assert invented_terms("Mayor Jane Doe rejected 12 plans.", text) == ["Mayor", "Jane", "Doe", "12"]
    assert invented_terms("Two councillors voted for it.", text) == []  # "2" is in the article as a digit
    assert named_in("Greenfield Council's planning committee", LEDE + " " + VOTE)
    assert not named_in("the harbour authority", LEDE)


def test_invented_terms_forgive_form_not_invention():
    text = "The Court of Arbitration for Sport ruled. Iran and Britain agreed. Honda will back the plan."
    for claim in ("CAS upheld it", "an Iranian bid", "the British offer", "Honda-brand cars", "Backing for the plan",
                  "That the plan goes ahead", "Whether to appeal"):
        assert invented_terms(claim, text) == [], claim
    assert invented_terms("Cut the age", text) == ["Cut"]  # a sentence start the article gives no sign of
    assert invented_terms("Judge Ottoline Vexford and Iran", text) == ["Judge", "Ottoline", "Vexford"]
    assert invented_terms("the IOC and Vexford-led Honda", text) == ["IOC", "Vexford"]
    assert named_in("the protestors' coach", "Protestor groups hired a coach.")


def test_decision_cues_and_explicit_contradictions():
    assert decision_cues("The court rejected the appeal.") == {"refuse": "rejected"}
    assert decision_cues("The board did not approve the merger.") == {"refuse": "not approve"}
    assert decision_cues("Regulators approved the deal.") == {"grant": "approved"}
    for neither in ("The firm is awaiting approval.", "The board could reject the offer.",
                    "If approved, the plan goes ahead.", "The company declined to comment on the bid.",
                    "The minister denied any wrongdoing.", "The rules discriminated against them, judges ruled."):
        assert decision_cues(neither) == {}, neither
    assert contradiction(Status.APPROVED, VOTE)
    assert contradiction(Status.DECLINED, "Regulators approved the deal.")
    assert contradiction(Status.DECLINED, VOTE) is None
    assert contradiction(Status.APPROVED, None) is None
    assert contradiction(Status.PENDING, VOTE) is None  # only approved/declined are checked against verbs
    # a split decision, or a verb about something else, contradicts nothing
    assert contradiction(Status.APPROVED, "The judge refused bail but granted the appeal.") is None
    assert contradiction(Status.APPROVED, "Officials dismissed the report as rumour.",
                         about=["a stadium licence", "City FC"]) is None
    assert contradiction(Status.APPROVED, "Officials dismissed the stadium licence.",
                         about=["a stadium licence", "City FC"])


def test_model_name_reaches_the_slack_context_line(fake):
    fake.queue(completion(good_answer()))
    brief = make(fake, openai_model="llama3.1").summarize(ARTICLE)
    assert brief.model == "llama3.1" and json.loads(brief.to_json())["model"] == "llama3.1"
    contexts = [b for b in brief_message(brief).blocks if b["type"] == "context"]
    assert "Summarized by a language model (llama3.1)" in json.dumps(contexts)
    assert "(openai)" not in json.dumps(brief_message(brief).blocks)
    # the heuristic's briefs say nothing of a model
    offline = heuristic_brief()
    assert offline.model is None and "language model" not in json.dumps(brief_message(offline).blocks)


# --- configuration and wiring ----------------------------------------------------------------------------

def test_missing_base_url_or_model_is_a_config_error():
    with pytest.raises(ConfigError, match="OPENAI_BASE_URL"):
        OpenAISummarizer(Settings(_env_file=None, summarizer="openai", openai_model="m"))
    with pytest.raises(ConfigError, match="OPENAI_MODEL"):
        OpenAISummarizer(Settings(_env_file=None, summarizer="openai", openai_base_url="http://127.0.0.1:9/v1"))


def test_make_summarizer_builds_it(fake):
    summarizer = make_summarizer(settings_for(fake))
    assert summarizer.name == "openai"
    fake.queue(completion(good_answer()))
    assert summarizer.summarize(ARTICLE).summarizer == "openai"


@pytest.mark.slow
def test_cli_summarize_json_with_the_openai_summarizer(fake, tmp_path):
    source = tmp_path / "harbour.txt"
    source.write_text(TITLE + "\n\n" + ARTICLE.text + "\n", encoding="utf-8")
    fake.queue(completion(good_answer()))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "SUMMARIZER"))}
    env.update(SUMMARIZER="openai", OPENAI_BASE_URL=fake.base_url, OPENAI_MODEL="fake-model",
               OPENAI_API_KEY=SECRET, OPENAI_TIMEOUT="20")
    result = subprocess.run([sys.executable, "-m", "bot", "summarize", "--json", str(source)], cwd=tmp_path,
                            env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    brief = json.loads(result.stdout.splitlines()[0])
    assert (brief["summarizer"], brief["model"]) == ("openai", "fake-model")
    assert brief["status"] == "declined" and brief["evidence"]["decision"] == VOTE
    assert SECRET not in result.stderr


@pytest.mark.slow
def test_the_readme_ollama_recipe_against_a_fake_ollama(fake, tmp_path):
    # the README's .env lines, verbatim but for the address: the fake speaks Ollama's OpenAI-compatible API
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    recipe = readme.split("cat >> .env <<'ENV'\n", 1)[1].split("\nENV\n", 1)[0]
    assert "OPENAI_BASE_URL=http://localhost:11434/v1" in recipe and "OPENAI_MODEL=llama3.1" in recipe
    (tmp_path / ".env").write_text(recipe.replace("http://localhost:11434/v1", fake.base_url) + "\n")
    seed = REPO / "seeds" / "000_4a877bff2c10e4a4.txt"
    headline = seed.read_text(encoding="utf-8").splitlines()[0]
    fake.queue(completion({"summary": headline, "requester": "Ukraine", "request": "defense system sales",
                           "decided_by": "Seoul", "status": "declined", "decision": "declined the request",
                           "reason": None, "evidence": {"requester": headline, "request": headline,
                                                        "decision": headline, "reason": None}}))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "SUMMARIZER"))}
    result = subprocess.run([sys.executable, "-m", "bot", "summarize", "--json", str(seed)], cwd=tmp_path,
                            env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    brief = json.loads(result.stdout.splitlines()[0])
    assert (brief["summarizer"], brief["model"], brief["status"]) == ("openai", "llama3.1", "declined")
    assert brief["requester"] == "Ukraine" and brief["evidence"]["decision"] == headline
    assert fake.chat_requests()[0].json["model"] == "llama3.1"


def test_the_oracle_bench_says_one_line_without_the_shared_folder(tmp_path):
    # a copy of the bench two levels below tmp_path: its ../shared is tmp_path/shared, absent
    bench = tmp_path / "repo" / "bench"
    bench.mkdir(parents=True)
    (bench / "oracle_llm.py").write_text((REPO / "bench" / "oracle_llm.py").read_text(encoding="utf-8"))
    result = subprocess.run([sys.executable, str(bench / "oracle_llm.py"), "--liar"], capture_output=True,
                            text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests")])})
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"oracle_llm: no evaluation set at {tmp_path / 'shared' / 'eval'} (the shared folder is absent)"]
