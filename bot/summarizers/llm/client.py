"""A small Chat Completions client over httpx for any OpenAI-compatible endpoint (no vendor SDK).

    client = ChatClient(base_url="http://localhost:11434/v1", api_key=None, model="llama3.1")
    reply = client.complete(messages, schema=brief_json_schema(), deadline=time.monotonic() + 60)
    reply.content, reply.usage, reply.mode
    client.close()

What it takes care of:

    structured output  asks for `response_format: json_schema`; a server that refuses it (HTTP 400/422/
                       500 naming response_format/json_schema, llama-cpp-python's 500 included) is
                       asked again with `{"type": "json_object", "schema": …}`, then with no
                       response_format (the prompt spells the JSON out). The mode that worked is
                       remembered per base URL + model for the life of the process.
    retries            429 and 5xx (and connection failures) are retried with exponential backoff,
                       honouring `Retry-After`, at most `max_retries` times and never past the deadline.
    deadline           one monotonic deadline bounds every call, wait and retry of one brief.
    parameters         a 400 asking for `max_completion_tokens` instead of `max_tokens`, or refusing a
                       non-default temperature (OpenAI's reasoning models), is obeyed and remembered.
    secrets            the API key goes into the Authorization header only; every error message and
                       log line is passed through `redact` so the key can't leak even if a server
                       echoes it.

Errors are `LLMError` (one line, safe to log). `LLMTimeout` when the deadline ran out.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from pydantic import SecretStr

from bot.retry import backoff_delay, retry_after_seconds

logger = logging.getLogger(__name__)

# structured-output modes, strongest first
MODES = ("json_schema", "json_object", "plain")

# (base URL, model) -> the mode that server accepted; shared by every client in the process
_MODE_CACHE: dict[tuple[str, str], str] = {}
_MODE_LOCK = threading.Lock()

_FORMAT_WORDS = ("response_format", "json_schema", "json_object", "response format", "structured output")
_BACKOFF_BASE = 0.5
_BACKOFF_CAP = 20.0


class LLMError(Exception):
    """The endpoint could not give an answer. The message is one line, without secrets."""


class LLMTimeout(LLMError):
    """The per-brief deadline ran out."""


@dataclass
class Reply:
    content: str
    mode: str
    usage: dict[str, int] = field(default_factory=dict)
    calls: int = 1


def remembered_mode(base_url: str, model: str) -> str:
    with _MODE_LOCK:
        return _MODE_CACHE.get((base_url, model), MODES[0])


def remember_mode(base_url: str, model: str, mode: str) -> None:
    with _MODE_LOCK:
        _MODE_CACHE[(base_url, model)] = mode


def forget_modes() -> None:
    """Clear the per-endpoint memory (tests)."""
    with _MODE_LOCK:
        _MODE_CACHE.clear()
        _QUIRKS.clear()


# (base URL, model) -> request adjustments a server asked for: newer OpenAI models refuse
# `max_tokens` (they want `max_completion_tokens`) and any temperature but the default
_QUIRKS: dict[tuple[str, str], frozenset[str]] = {}


def quirks(base_url: str, model: str) -> frozenset[str]:
    with _MODE_LOCK:
        return _QUIRKS.get((base_url, model), frozenset())


def _learn_quirk(status_code: int, body: str, known: frozenset[str]) -> str | None:
    """The adjustment an HTTP 400 asks for ("max_completion_tokens", "no_temperature"), if any."""
    if status_code != 400:
        return None
    lowered = body.lower()
    if "max_tokens" in lowered and "max_completion_tokens" in lowered and "max_completion_tokens" not in known:
        return "max_completion_tokens"
    if "temperature" in lowered and "no_temperature" not in known and any(
            word in lowered for word in ("unsupported", "not support", "does not support", "only the default")):
        return "no_temperature"
    return None


def response_format(mode: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    if mode == "json_schema":
        # OpenAI's strict mode refuses length keywords; the caller validates lengths itself
        strict = _without(schema, {"maxLength", "minLength"})
        return {"type": "json_schema", "json_schema": {"name": "brief", "strict": True, "schema": strict}}
    if mode == "json_object":
        # llama-cpp-python compiles `schema` (maxLength included) into a grammar; other servers ignore it
        return {"type": "json_object", "schema": schema}
    return None


def _without(node: Any, keywords: set[str]) -> Any:
    if isinstance(node, dict):
        return {key: _without(value, keywords) for key, value in node.items() if key not in keywords}
    if isinstance(node, list):
        return [_without(item, keywords) for item in node]
    return node


def refuses_format(status_code: int, body: str) -> bool:
    """True when an error answer says the server can't do the response_format we sent."""
    if status_code not in (400, 422, 500, 501):
        return False
    lowered = body.lower()
    return any(word in lowered for word in _FORMAT_WORDS)


class ChatClient:
    """Thread-safe; one per summariser. Keyword-only options after the endpoint.

    `transport` (an httpx transport) and `sleep`/`clock` are for tests.
    """

    def __init__(self, *, base_url: str, api_key: SecretStr | None, model: str, max_retries: int = 3,
                 temperature: float = 0.0, max_tokens: int = 1024,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.max_retries = max_retries
        self.temperature = temperature
        self.max_tokens = max_tokens
        self._secret = api_key.get_secret_value() if api_key is not None else ""
        self._sleep = sleep
        self._clock = clock
        headers = {"Accept": "application/json"}
        if self._secret:
            headers["Authorization"] = f"Bearer {self._secret}"
            if httpx.URL(self.base_url).host.endswith(".azure.com"):
                headers["api-key"] = self._secret  # Azure OpenAI's key header
        # trust_env=False: no proxy variables or .netrc credentials slip into requests to the model
        self._http = httpx.Client(headers=headers, trust_env=False, transport=transport, follow_redirects=False)

    def close(self) -> None:
        self._http.close()

    def redact(self, text: str) -> str:
        """The text with the API key (if any) replaced: for every message that leaves this class."""
        return text.replace(self._secret, "***") if self._secret else text

    def remaining(self, deadline: float) -> float:
        return deadline - self._clock()

    def complete(self, messages: list[dict[str, str]], *, schema: dict[str, Any], deadline: float) -> Reply:
        """One chat completion's message content. Raises LLMError / LLMTimeout."""
        mode = remembered_mode(self.base_url, self.model)
        calls = 0
        retries = 0
        while True:
            if self.remaining(deadline) <= 0:
                raise LLMTimeout("the LLM did not answer within the time budget")
            calls += 1
            response = self._post(messages, mode, schema, deadline)
            if response.status_code == 200:
                reply = self._read(response, mode)
                reply.calls = calls
                if mode != remembered_mode(self.base_url, self.model):
                    remember_mode(self.base_url, self.model, mode)
                return reply
            body = self.redact(response.text[:2000])
            quirk = _learn_quirk(response.status_code, body, quirks(self.base_url, self.model))
            if quirk:
                logger.info("%s asked for %s; adjusting requests from now on", self.base_url, quirk)
                with _MODE_LOCK:
                    key = (self.base_url, self.model)
                    _QUIRKS[key] = _QUIRKS.get(key, frozenset()) | {quirk}
                continue
            if refuses_format(response.status_code, body) and mode != MODES[-1]:
                weaker = MODES[MODES.index(mode) + 1]
                logger.info("%s refused response_format %s (HTTP %d); using %s from now on",
                            self.base_url, mode, response.status_code, weaker)
                mode = weaker
                remember_mode(self.base_url, self.model, mode)
                continue
            if response.status_code == 429 or response.status_code >= 500:
                if retries >= self.max_retries:
                    raise LLMError(f"the LLM endpoint answered HTTP {response.status_code} "
                                   f"after {retries} retries")
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                if wait is None:
                    wait = backoff_delay(retries + 1, base=_BACKOFF_BASE, cap=_BACKOFF_CAP)
                if wait >= self.remaining(deadline):
                    raise LLMTimeout(f"the LLM endpoint answered HTTP {response.status_code} and asked to "
                                     f"wait {wait:g} s, longer than the time left")
                retries += 1
                logger.info("%s answered HTTP %d; retry %d/%d in %.1f s", self.base_url,
                            response.status_code, retries, self.max_retries, wait)
                self._sleep(wait)
                continue
            # 4xx: our request or our credentials are wrong; retrying won't help
            logger.warning("%s answered HTTP %d: %s", self.base_url, response.status_code, _one_line(body, 300))
            raise LLMError(f"the LLM endpoint answered HTTP {response.status_code}")

    def _post(self, messages: list[dict[str, str]], mode: str, schema: dict[str, Any],
              deadline: float) -> httpx.Response:
        adjust = quirks(self.base_url, self.model)
        payload: dict[str, Any] = {"model": self.model, "messages": messages}
        if "no_temperature" not in adjust:
            payload["temperature"] = self.temperature
        payload["max_completion_tokens" if "max_completion_tokens" in adjust else "max_tokens"] = self.max_tokens
        fmt = response_format(mode, schema)
        if fmt is not None:
            payload["response_format"] = fmt
        left = self.remaining(deadline)
        if left <= 0:
            raise LLMTimeout("the LLM did not answer within the time budget")
        try:
            return self._http.post(f"{self.base_url}/chat/completions", json=payload, timeout=httpx.Timeout(left))
        except httpx.TimeoutException:
            raise LLMTimeout("the LLM did not answer within the time budget") from None
        except httpx.HTTPError as error:
            # `from None`: httpx errors carry the request, whose headers hold the key
            raise LLMError(self.redact(f"could not reach the LLM endpoint: {type(error).__name__}: {error}")) from None

    def _read(self, response: httpx.Response, mode: str) -> Reply:
        try:
            data = response.json()
            content = data["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise LLMError("the LLM endpoint's answer is not a chat completion") from None
        if not isinstance(content, str):
            raise LLMError("the LLM endpoint's answer has no message content")
        usage = data.get("usage") if isinstance(data.get("usage"), dict) else {}
        tokens = {key: int(value) for key, value in usage.items()
                  if key in ("prompt_tokens", "completion_tokens", "total_tokens") and isinstance(value, int | float)}
        return Reply(content=content, mode=mode, usage=tokens)


def _one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
