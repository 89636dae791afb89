"""Briefs from any OpenAI-compatible LLM, grounded in the article and never worse than the heuristic.

    summarizer = OpenAISummarizer(settings, fallback=HeuristicSummarizer())
    brief = summarizer.summarize(article)     # brief.summarizer is "openai", or "heuristic" on fallback

What happens to one article (each step's outcome is logged; fallbacks at WARNING with the reason):

    1. the heuristic brief is made first (milliseconds): it is the fallback and the second opinion
    2. the article is cut to OPENAI_MAX_INPUT_TOKENS (headline and lede kept) and sent as a chat
       completion asking for `LLMBrief` JSON (see llm_schema / llm_client: structured-output mode
       detection, retries, Retry-After), within OPENAI_TIMEOUT for the whole brief and at most
       OPENAI_CONCURRENCY briefs in flight
    3. the answer must parse as JSON, validate against `LLMBrief`, and its status must not
       contradict its decision evidence; if not, the model is asked once more with OUR findings
       (never the API's error text); a second failure → the heuristic brief
    4. grounding (see grounding.py): a field whose evidence quote is not found among the article's
       sentences (or that has none) is dropped, and so is a field naming a person/place/number the
       article doesn't, a requester/decided_by longer than a name (> 10 words), and a decided_by not
       named in the headline or a grounded evidence sentence; a dropped field takes the heuristic's value and evidence (null if it has
       none) — never worse than offline. The article's own sentence is stored, not the quote.
       A field the model set to null stays null. A summary with an invented name or number → the
       heuristic's summary
    5. status: when the two summarisers disagree, the LLM's status stands only if its decision
       evidence supports it; otherwise status, decision and its evidence come from the heuristic
    6. any endpoint failure (HTTP errors after retries, timeout, unreachable) → the heuristic brief

The API key never reaches a log line or an exception message (see `ChatClient.redact`).
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
from pydantic import BaseModel, ValidationError

from bot.config import Settings
from bot.errors import ConfigError
from bot.models import Article, Brief, Evidence, Status
from bot.summarizers import Summarizer
from bot.summarizers.llm.budget import truncate_article
from bot.summarizers.llm.client import ChatClient, LLMError, LLMTimeout
from bot.summarizers.llm.grounding import SentenceIndex, contradiction, invented_terms, named_in, supports
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
_NAME_MAX_WORDS = 10  # "Santa Clara County Superior Court judge James Kleinberg" is 8


class Rejected(Exception):
    """The model's answers could not be accepted (after the re-ask). One line, ours."""


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
            from bot.summarizers.heuristic import HeuristicSummarizer

            fallback = HeuristicSummarizer()
        self.fallback = fallback
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
        if not self._slots.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise LLMTimeout("no LLM slot became free within the time budget")
        usage: dict[str, int] = {}
        calls = 0
        try:
            for attempt in (1, 2):
                reply = self.client.complete(messages, schema=self._schema, deadline=deadline)
                calls += reply.calls
                for key, value in reply.usage.items():
                    usage[key] = usage.get(key, 0) + value
                answer, problems, notes = self._check(reply.content, index)
                if answer is not None:
                    break
                if attempt == 1:
                    logger.info("openai summariser: re-asking for %s: %s", article.source, "; ".join(problems))
                    messages = [*messages, {"role": "assistant", "content": reply.content},
                                reask_message(problems + notes)]
            else:
                raise Rejected("the model's answer was rejected twice: " + "; ".join(problems))
        finally:
            self._slots.release()
            if usage:
                logger.info("openai summariser: %s used %s tokens (prompt %s, completion %s) in %d call(s), "
                            "%.1f s, response_format %s", article.source,
                            usage.get("total_tokens", usage.get("prompt_tokens", 0) + usage.get("completion_tokens", 0)),
                            usage.get("prompt_tokens", "?"), usage.get("completion_tokens", "?"), calls,
                            time.monotonic() - started, reply.mode if calls else "-")
        return self._merge(article, answer, heuristic, index)

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
            answer = LLMBrief.model_validate(data)
        except ValidationError as error:
            return None, describe_schema_errors(error), []
        notes = [f"evidence.{name} is not a sentence of the article"
                 for name in EVIDENCE_FIELDS
                 if getattr(answer.evidence, name) and index.find(getattr(answer.evidence, name)) is None]
        problem = contradiction(answer.status, index.find(answer.evidence.decision))
        if problem:
            return None, [problem], notes
        return answer, [], notes

    def _merge(self, article: Article, answer: Any, heuristic: Brief, index: SentenceIndex) -> Brief:
        """The model's answer, grounded; whatever of it can't be supported comes from the heuristic."""
        source = article.source
        fields: dict[str, str | None] = {name: _clean(getattr(answer, name)) for name in _TEXT_FIELDS}
        evidence: dict[str, str | None] = {name: None for name in EVIDENCE_FIELDS}
        dropped: list[str] = []  # the model claimed something here that the article doesn't back
        for name in _TEXT_FIELDS:
            if not fields[name]:
                continue  # the model said null: that is an answer too, left alone
            if name in EVIDENCE_FIELDS:
                quote = getattr(answer.evidence, name)
                evidence[name] = index.find(quote)
                if evidence[name] is None:
                    why = "its evidence is not a sentence of the article" if quote else "it has no evidence"
                    logger.info("openai summariser: %s: dropped the model's %s: %s", source, name, why)
                    dropped.append(name)
                    continue
            if name in _NAME_FIELDS and len(fields[name].split()) > _NAME_MAX_WORDS:
                # "who" is a name, not a clause: a long one is a sentence the model copied or rambled
                logger.info("openai summariser: %s: dropped the model's %s: not a name", source, name)
                dropped.append(name)
                continue
            invented = invented_terms(fields[name], index.text)
            if invented:
                logger.info("openai summariser: %s: dropped the model's %s, not in the article: %s",
                            source, name, ", ".join(invented))
                dropped.append(name)
        for name in dropped:
            fields[name] = None
            if name in evidence:
                evidence[name] = None
        # decided_by has no evidence of its own: the decider must be named in the headline or in a
        # sentence that survived grounding (usually the decision's)
        backing = " ".join(filter(None, [article.title, *evidence.values()]))
        if fields["decided_by"] and not named_in(fields["decided_by"], backing):
            logger.info("openai summariser: %s: dropped the model's decided_by: not named in the headline "
                        "or the evidence", source)
            fields["decided_by"] = None
            dropped.append("decided_by")

        summary = _clean(answer.summary)
        invented = invented_terms(summary, index.text) if summary else ["(empty)"]
        if invented:
            logger.info("openai summariser: %s: heuristic summary used, the model's names or numbers "
                        "aren't in the article: %s", source, ", ".join(invented))
            summary = heuristic.summary

        status = Status(answer.status)
        if status != heuristic.status and not supports(status, evidence["decision"]):
            logger.info("openai summariser: %s: status %s (heuristic) kept over %s (model): the model's "
                        "decision evidence doesn't support it", source, heuristic.status.value, status.value)
            status = heuristic.status
            fields["decision"] = heuristic.decision
            evidence["decision"] = heuristic.evidence.decision
            dropped = [name for name in dropped if name != "decision"]
        # never worse than offline: a field the model got wrong takes the heuristic's value (maybe null)
        for name in dropped:
            fields[name] = getattr(heuristic, name)
            if name in evidence:
                evidence[name] = getattr(heuristic.evidence, name)
        if status == Status.UNKNOWN and not fields["requester"] and not fields["request"]:
            # no request in the article: nothing was decided by anyone
            fields["decided_by"] = fields["decision"] = fields["reason"] = None
            evidence["decision"] = evidence["reason"] = None

        return Brief(source=source, title=article.title, site=article.site, published=article.published,
                     summary=summary, status=status, evidence=Evidence(**evidence), summarizer=self.name,
                     **fields)


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
