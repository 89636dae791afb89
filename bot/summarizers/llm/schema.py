"""What we ask an LLM for: the brief's fields as a pydantic model, its JSON schema, the prompt.

    schema = brief_json_schema()                     # plain JSON schema, no $refs, for response_format
    messages = build_messages(article, article_text)  # system + user chat messages (with the keys spelled out)
    answer = LLMBrief.model_validate_json(content)    # raises pydantic.ValidationError

`LLMBrief` is derived from `bot.models.Brief`/`Evidence`: the same field names and value types, all
required (OpenAI's strict structured outputs want every property listed), no extra keys, plus
length caps (`maxLength`: llama.cpp's grammar enforces them; OpenAI's strict mode doesn't accept
them, so the client strips them there; pydantic checks them either way). Metadata (source, title, site, published, summarizer) is ours, not the model's.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from bot.models import Article, Brief, Evidence, Status

# field -> (what the model is told, longest accepted value). A brief must be brief: the same caps
# the evaluation applies (names 80, request/reason 250) with some slack for decision.
_FIELD_GUIDE: dict[str, tuple[str, int]] = {
    "summary": ("One or two sentences: the gist of the article. Use only names and numbers that "
                "appear in the article.", 600),
    "requester": ("Who asked, applied, appealed, sued, bid or demanded (a short name), or null if "
                  "the article reports no request.", 80),
    "request": ("What was asked for, in a short phrase, or null.", 250),
    "decided_by": ("Who has the power to decide: court, regulator, government, board or person "
                   "(a short name), or null.", 80),
    "status": ("approved = granted in substance (also conditionally); declined = refused, rejected, "
               "dismissed or voted down; partial = part granted or a reduced form; pending = not yet "
               "decided, deferred, awaiting a hearing or vote; unknown = the article states no "
               "decision, or reports no request at all.", 0),
    "decision": ("What was decided, in a short phrase, or null.", 250),
    "reason": ("The stated grounds of the decision (for pending: the cause of the delay), not the "
               "requester's own arguments; or null.", 250),
}
_EVIDENCE_GUIDE = ("One sentence copied exactly, word for word, from the article that supports the "
                   "field, or null when the article has none.")
LLM_FIELDS = tuple(_FIELD_GUIDE)
EVIDENCE_FIELDS = tuple(Evidence.model_fields)


def _field(annotation: Any, description: str, max_length: int) -> tuple[Any, Any]:
    # `...` = required: strict JSON-schema mode wants every key present, null where unknown
    if max_length:
        return (annotation, Field(..., description=description, max_length=max_length))
    return (annotation, Field(..., description=description))


# pydantic's stubs can't type field definitions passed as a built dict: hence the two ignores
LLMEvidence: type[BaseModel] = create_model(  # type: ignore[call-overload]
    "LLMEvidence",
    __config__=ConfigDict(extra="forbid"),
    __doc__="The article's sentence behind each field, verbatim, or null.",
    **{name: _field(info.annotation, _EVIDENCE_GUIDE, 600) for name, info in Evidence.model_fields.items()},
)

LLMBrief: type[BaseModel] = create_model(  # type: ignore[call-overload]
    "LLMBrief",
    __config__=ConfigDict(extra="forbid"),
    __doc__="A brief as an LLM must return it.",
    **{name: _field(Brief.model_fields[name].annotation, guide, cap) for name, (guide, cap) in _FIELD_GUIDE.items()},
    evidence=(LLMEvidence, Field(..., description="Verbatim article sentences behind the fields.")),
)

# noise for a model; `maxLength` stays (llama.cpp grammars bound generation with it) and is taken
# out for strict json_schema mode by the client (see client.response_format)
_DROPPED_KEYWORDS = {"title", "default"}


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """Resolve `$ref`s and drop unsupported keywords: one self-contained schema every server reads."""
    if isinstance(node, dict):
        if "$ref" in node:
            # keep what the referring site adds (its description) on top of the definition
            merged = {**defs[node["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
            return _inline(merged, defs)
        return {key: _inline(value, defs) for key, value in node.items()
                if key not in _DROPPED_KEYWORDS and key != "$defs"}
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    return node


def brief_json_schema() -> dict[str, Any]:
    """The JSON schema of `LLMBrief`, inlined: every property required, no additional properties,
    string length caps as `maxLength`."""
    raw = LLMBrief.model_json_schema()
    schema = _inline(raw, raw.get("$defs", {}))
    _require_all(schema)
    return schema


def _require_all(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node["required"] = list(node["properties"])
            node["additionalProperties"] = False
        for value in node.values():
            _require_all(value)
    elif isinstance(node, list):
        for item in node:
            _require_all(item)


SYSTEM_PROMPT = """\
You are a careful news analyst. You read one article and write a brief of the request it reports \
and the decision on it: who asked for what, who decides, what was decided and why.

Rules:
- Use only what the article says. Never add names, numbers or facts that are not in it.
- Each evidence value must be one complete sentence copied exactly from the article, or null.
- A field you cannot support with the article is null.
- If the article reports no request, status is "unknown" and requester, request, decided_by, \
decision and reason are null.
- Answer with one JSON object only, no prose and no code fences."""


def field_instructions() -> str:
    """The expected JSON spelled out in the prompt: for servers that can't enforce a schema, and as a
    reminder for those that can. Generated from the same field guide as the schema."""
    statuses = "|".join(f'"{status.value}"' for status in Status)
    shape = ", ".join(f'"{name}": {statuses if name == "status" else "string" if name == "summary" else "string|null"}'
                      for name in LLM_FIELDS)
    evidence = ", ".join(f'"{name}": string|null' for name in EVIDENCE_FIELDS)
    lines = [f"Return one JSON object with exactly these keys: {{{shape}, \"evidence\": {{{evidence}}}}}"]
    lines += [f"- {name}: {guide}" for name, (guide, _cap) in _FIELD_GUIDE.items()]
    lines.append(f"- evidence.{{{','.join(EVIDENCE_FIELDS)}}}: {_EVIDENCE_GUIDE}")
    return "\n".join(lines)


def build_messages(article: Article, article_text: str) -> list[dict[str, str]]:
    """The chat messages for one brief; `article_text` is the (possibly truncated) body."""
    header = [f"Headline: {article.title}" if article.title else None,
              f"Site: {article.site}" if article.site else None,
              f"Published: {article.published}" if article.published else None]
    user = "\n".join(line for line in header if line)
    user += f"\n\nArticle:\n{article_text}\n\n{field_instructions()}"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user.strip()}]


def reask_message(problems: list[str]) -> dict[str, str]:
    """The follow-up turn after an answer we could not accept: our own findings, nothing from the API."""
    listed = "\n".join(f"- {problem}" for problem in problems)
    return {"role": "user", "content": (
        "Your answer could not be accepted:\n" + listed
        + "\nAnswer again with one corrected JSON object only. Copy evidence sentences exactly from "
          "the article, or use null.")}
