"""Briefs from any OpenAI-compatible LLM: a grounded answer stands; the heuristic fills the gaps.

    summarizer = OpenAISummarizer(settings, fallback=HeuristicSummarizer())
    brief = summarizer.summarize(article)   # brief.summarizer "openai" (brief.model = OPENAI_MODEL),
                                            # or the heuristic brief when the endpoint fails

What happens to one article:

    1. the heuristic brief is made first (milliseconds): it fills what the model leaves open
    2. the article is cut to OPENAI_MAX_INPUT_TOKENS (headline and lede kept) and sent as a chat
       completion asking for `LLMBrief` JSON (see schema / client: structured-output mode
       detection, retries, Retry-After), within OPENAI_TIMEOUT for the whole brief and at most
       OPENAI_CONCURRENCY briefs in flight
    3. the answer must parse as JSON and validate against `LLMBrief`; if not, the model is asked once
       more with OUR findings (never the API's error text); a second failure → the heuristic brief
    4. a status the decision's own evidence sentence explicitly contradicts (it reports the opposite
       decision: grounding.contradiction) → one re-ask quoting the conflict; the model decides, not a
       word list. If the second answer still conflicts, status and decision alone fall back
    5. grounding, field by field (grounding.py): a field stands when its evidence quote is one of
       the article's sentences (the article's own sentence is stored, not the quote), every name and
       number in it occurs in the article, a requester/decided_by is a name (≤ 10 words), and every
       word of decided_by occurs in the article. A decided status needs its decision evidence found.
       A field that fails takes the heuristic's value and evidence; so does a field the model left
       null — unless the model reports no request at all (then nothing is filled). Decision and
       reason are only taken from the heuristic when it reached the same status. The heuristic never
       overrules a grounded field. A summary with an invented name or number → the heuristic's summary
    6. any endpoint failure (HTTP errors after retries, timeout, unreachable) → the heuristic brief

One INFO line per brief says which fields came from the model and which from the fallback (and
why), with tokens (when the server reports them), calls and seconds; the same facts ride on the log
record as `record.verdict_llm` (a dict) for benchmarks. The API key never reaches a log line or an
exception message (see `ChatClient.redact`).
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from pydantic import BaseModel, ValidationError

from bot.config import Settings
from bot.errors import ConfigError
from bot.models import Article, Brief, Evidence, Status
from bot.summarizers.base import Summarizer
from bot.summarizers.heuristic import HeuristicSummarizer
from bot.summarizers.llm.budget import truncate_article
from bot.summarizers.llm.client import ChatClient, LLMError, LLMTimeout
from bot.summarizers.llm.grounding import SentenceIndex, contradiction, invented_terms, named_in
from bot.summarizers.llm.schema import (
    EVIDENCE_FIELDS,
    LLMBrief,
    brief_json_schema,
    build_messages,
    reask_message,
)

logger = logging.getLogger(__name__)

_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.IGNORECASE)
_TEXT_FIELDS = ("requester", "request", "decided_by", "decision", "reason")
_NAME_FIELDS = ("requester", "decided_by")
# phrase fields whose own evidence sentence may stand in for a failed wording, up to this length
_QUOTABLE = {"request": 250, "decision": 250, "reason": 250}
_NAME_MAX_WORDS = 10  # "Santa Clara County Superior Court judge James Kleinberg" is 8
# what the per-brief log line reports on, in this order
REPORTED_FIELDS = ("summary", "requester", "request", "decided_by", "status", "decision", "reason")


class Rejected(Exception):
    """The model's answers could not be accepted (after the re-ask). One line, ours."""


@dataclass
class Provenance:
    """Where each field of one brief came from: the model, or the fallback and why."""

    source: str
    model: str
    offered: list[str] = field(default_factory=list)  # fields the model gave a value for
    from_model: list[str] = field(default_factory=list)
    fallback: dict[str, str] = field(default_factory=dict)  # field -> why the model's value wasn't used
    usage: dict[str, int] = field(default_factory=dict)
    calls: int = 0
    reasked: str | None = None  # why the model was asked a second time
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "model": self.model, "offered": list(self.offered),
                "from_model": list(self.from_model),
                "fallback": dict(self.fallback), "prompt_tokens": self.usage.get("prompt_tokens"),
                "completion_tokens": self.usage.get("completion_tokens"), "calls": self.calls,
                "reasked": self.reasked, "seconds": round(self.seconds, 3)}


class OpenAISummarizer:
    name = "openai"

    def __init__(self, settings: Settings, fallback: Summarizer | None = None, *,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        if not settings.openai_base_url:
            raise ConfigError("OPENAI_BASE_URL is required when SUMMARIZER=openai "
                              "(e.g. https://api.openai.com/v1 or http://localhost:11434/v1)")
        if not settings.openai_model:
            raise ConfigError("OPENAI_MODEL is required when SUMMARIZER=openai (e.g. gpt-4o-mini, llama3.1)")
        if fallback is None:
            fallback = HeuristicSummarizer()
        self.fallback = fallback
        self.model = settings.openai_model
        self.timeout = settings.openai_timeout
        self.max_input_tokens = settings.openai_max_input_tokens
        self.client = ChatClient(base_url=settings.openai_base_url, api_key=settings.openai_api_key,
                                 model=settings.openai_model, max_retries=settings.openai_max_retries,
                                 transport=transport, sleep=sleep)
        self._slots = threading.BoundedSemaphore(settings.openai_concurrency)
        self._schema = brief_json_schema()

    def close(self) -> None:
        self.client.close()

    def summarize(self, article: Article) -> Brief:
        deadline = time.monotonic() + self.timeout
        heuristic = self.fallback.summarize(article)
        try:
            return self._llm_brief(article, heuristic, deadline)
        except (LLMError, Rejected) as error:
            # str(error) is ours and redacted; no traceback: these are expected outcomes
            logger.warning("openai summariser: using the heuristic brief for %s: %s",
                           article.source, self.client.redact(str(error)))
            return heuristic
        except Exception:  # a bug here must not cost the user the brief they would get offline
            logger.exception("openai summariser: unexpected error for %s; using the heuristic brief",
                             article.source)
            return heuristic

    # --- one brief ------------------------------------------------------------------------------

    def _llm_brief(self, article: Article, heuristic: Brief, deadline: float) -> Brief:
        index = SentenceIndex(article)
        messages = build_messages(article, truncate_article(article, self.max_input_tokens))
        started = time.monotonic()
        trace = Provenance(source=article.source, model=self.model)
        if not self._slots.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise LLMTimeout("no LLM slot became free within the time budget")
        accepted: Any = None
        conflict: str | None = None  # the status conflict of the answer in `accepted`, if any
        try:
            for attempt in (1, 2):
                reply = self.client.complete(messages, schema=self._schema, deadline=deadline)
                trace.calls += reply.calls
                for key, value in reply.usage.items():
                    trace.usage[key] = trace.usage.get(key, 0) + value
                answer, problems, notes = self._check(reply.content, index)
                if answer is not None:
                    accepted, conflict = answer, self._conflict(answer, index)
                    if conflict is None:
                        break
                    problems = [conflict]
                elif accepted is not None:
                    break  # the re-ask about a conflict came back unusable: keep the first answer
                if attempt == 1:
                    trace.reasked = "; ".join(problems)
                    logger.info("openai summariser: re-asking for %s: %s", article.source, trace.reasked)
                    messages = [*messages, {"role": "assistant", "content": reply.content},
                                reask_message(problems + notes)]
        finally:
            self._slots.release()
            trace.seconds = time.monotonic() - started
        if accepted is None:
            raise Rejected(f"the model's answer was rejected twice ({self._cost(trace)}): " + "; ".join(problems))
        brief = self._merge(article, accepted, heuristic, index, trace, conflict=conflict)
        self._log(trace)
        return brief

    def _check(self, content: str, index: SentenceIndex) -> tuple[BaseModel | None, list[str], list[str]]:
        """(answer, problems, notes): answer is None when a problem makes it unusable.

        Notes are grounding findings that don't reject an answer (they drop a field) but are worth
        telling the model if it is asked again anyway.
        """
        try:
            data = parse_json_object(content)
        except ValueError as error:
            return None, [f"the answer is not a valid JSON object ({error})"], []
        try:
            answer: Any = LLMBrief.model_validate(data)  # a dynamic model: its fields are not known to mypy
        except ValidationError as error:
            return None, describe_schema_errors(error), []
        notes = [f"evidence.{name} is not a sentence of the article"
                 for name in EVIDENCE_FIELDS
                 if getattr(answer.evidence, name) and index.find(getattr(answer.evidence, name)) is None]
        return answer, [], notes

    @staticmethod
    def _conflict(answer: Any, index: SentenceIndex) -> str | None:
        """A status its own (found) decision evidence explicitly contradicts, as a re-ask line."""
        sentence = index.find(answer.evidence.decision)
        problem = contradiction(Status(answer.status), sentence, about=[answer.request, answer.requester])
        if problem is None:
            return None
        return (problem + ". Re-read that sentence: if it reports the decision on this request, correct "
                "the status; if it is about something else, quote the sentence that reports the decision.")

    def _merge(self, article: Article, answer: Any, heuristic: Brief, index: SentenceIndex,
               trace: Provenance, *, conflict: str | None) -> Brief:
        """The model's grounded fields; the heuristic's only where the model's failed or were left null."""
        fields: dict[str, str | None] = {name: _clean(getattr(answer, name)) for name in _TEXT_FIELDS}
        evidence: dict[str, str | None] = {name: None for name in EVIDENCE_FIELDS}
        failed: dict[str, str] = {}  # field -> why the model's value can't stand
        quoted: dict[str, str] = {}  # field -> its found evidence sentence, when only the wording failed
        for name in _TEXT_FIELDS:
            value = fields[name]
            if value:
                why = self._ungrounded(name, value, answer, index, evidence)
                if why:
                    failed[name] = why
                    fields[name] = None
                    if found := evidence.get(name):
                        quoted[name] = found
                    if name in evidence:
                        evidence[name] = None

        # status: the model's, when its decision sentence is found and doesn't report the opposite
        status = Status(answer.status)
        decision_sentence = index.find(answer.evidence.decision)
        if conflict is not None:
            failed["status"] = "its decision evidence reports the opposite decision, also after a re-ask"
        elif status != Status.UNKNOWN and decision_sentence is None:
            failed["status"] = ("its decision evidence is not a sentence of the article"
                                if answer.evidence.decision else "it has no decision evidence")
        if "status" in failed:
            status = heuristic.status
            fields["decision"], evidence["decision"] = None, None
            failed.setdefault("decision", "it goes with the status")
        elif decision_sentence is not None:
            evidence["decision"] = decision_sentence  # backs the status even if the decision text failed

        summary = _clean(answer.summary)
        invented = invented_terms(summary, index.text) if summary else ["(empty)"]
        if invented or not summary:
            failed["summary"] = "names or numbers not in the article: " + ", ".join(invented)
            summary = heuristic.summary

        no_request = status == Status.UNKNOWN and not fields["requester"] and not fields["request"] \
            and "requester" not in failed and "request" not in failed
        if no_request:
            # the model reports no request: nothing was asked, so nothing was decided by anyone
            fields["decided_by"] = fields["decision"] = fields["reason"] = None
            evidence = {name: None for name in EVIDENCE_FIELDS}
        else:
            same_status = heuristic.status == status
            for name in _TEXT_FIELDS:
                if fields[name]:
                    continue  # a grounded value stands
                # a decision or reason the heuristic found for another status won't do
                borrow = same_status or name not in ("decision", "reason")
                value = getattr(heuristic, name) if borrow else None
                if name not in failed and value:
                    failed[name] = "the model left it null"
                if value:
                    fields[name] = value
                    if name in EVIDENCE_FIELDS:
                        evidence[name] = getattr(heuristic.evidence, name)
                elif name in quoted and len(quoted[name]) <= _QUOTABLE.get(name, 0):
                    # the heuristic has nothing, and the model quoted the right sentence but worded the
                    # field with a name the article lacks: the article's own sentence says it instead
                    fields[name] = evidence[name] = quoted[name]
                    failed[name] += "; its evidence sentence stands in"

        trace.offered = [name for name in REPORTED_FIELDS
                         if name == "status" or _clean(getattr(answer, name))]
        trace.fallback = {name: failed[name] for name in REPORTED_FIELDS if name in failed}
        trace.from_model = [name for name in REPORTED_FIELDS if name not in failed]
        return Brief(source=article.source, title=article.title, site=article.site, published=article.published,
                     summary=summary, status=status, evidence=Evidence(**evidence), summarizer=self.name,
                     model=self.model, **fields)

    @staticmethod
    def _ungrounded(name: str, value: str, answer: Any, index: SentenceIndex,
                    evidence: dict[str, str | None]) -> str | None:
        """Why the model's `value` for field `name` can't stand (None: it is grounded).

        Sets `evidence[name]` to the article's own sentence when the quote is found.
        """
        if name in EVIDENCE_FIELDS:
            quote = getattr(answer.evidence, name)
            evidence[name] = index.find(quote)
            if evidence[name] is None:
                return "its evidence is not a sentence of the article" if quote else "it has no evidence"
        if name in _NAME_FIELDS and len(value.split()) > _NAME_MAX_WORDS:
            # "who" is a name, not a clause: a long one is a sentence the model copied or rambled
            return "not a name"
        invented = invented_terms(value, index.text)
        if invented:
            return "not in the article: " + ", ".join(invented)
        if name == "decided_by" and not named_in(value, index.text):
            # decided_by has no evidence of its own: every word of it must occur in the article
            return "not named in the article"
        return None

    @staticmethod
    def _cost(trace: Provenance) -> str:
        tokens = (f"prompt {trace.usage.get('prompt_tokens', '?')}, completion "
                  f"{trace.usage.get('completion_tokens', '?')} tokens" if trace.usage else "tokens not reported")
        return f"{tokens}, {trace.calls} call(s), {trace.seconds:.1f} s"

    def _log(self, trace: Provenance) -> None:
        fallback = "; ".join(f"{name} ({why})" for name, why in trace.fallback.items()) or "none"
        logger.info("openai summariser: %s: model %s; from the model: %s; from the fallback: %s; %s",
                    trace.source, trace.model, ", ".join(trace.from_model) or "none", fallback,
                    self._cost(trace), extra={"verdict_llm": trace.as_dict()})


def parse_json_object(content: str) -> dict[str, Any]:
    """The JSON object in a model's reply: code fences and prose around the braces are tolerated."""
    text = _FENCE.sub("", content.strip())
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise ValueError("no JSON object found")
    try:
        data = json.loads(text[start:end + 1])
    except json.JSONDecodeError as error:
        raise ValueError(f"{error.msg} at line {error.lineno} column {error.colno}") from None
    if not isinstance(data, dict):
        raise ValueError("the JSON is not an object")
    return data


def describe_schema_errors(error: ValidationError, limit: int = 8) -> list[str]:
    """pydantic's findings as short lines for the re-ask (field path: message, no input echoed)."""
    lines = []
    for item in error.errors(include_input=False, include_url=False)[:limit]:
        where = ".".join(str(part) for part in item["loc"]) or "the object"
        lines.append(f"{where}: {item['msg']}")
    return lines


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value if value and value.lower() not in ("null", "none", "n/a", "unknown") else None
