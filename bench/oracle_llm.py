#!/usr/bin/env python3
"""How much of a correct LLM answer reaches the brief, and how little of a wrong one.

    python bench/oracle_llm.py                 # oracle: answers every dev article with its gold label
    python bench/oracle_llm.py --liar          # liar: plausible answers, wrong in ways grounding can catch
    python bench/oracle_llm.py --verbose       # also each article's fallbacks (stderr)
    python bench/oracle_llm.py --endpoint      # a REAL endpoint (OPENAI_* from the environment / .env):
                                               # the seed articles, then --dev for the dev set too

Oracle and liar run a fake OpenAI-compatible server on 127.0.0.1 (port 0) behind the real
`SUMMARIZER=openai` path (`make_summarizer` → `brief_source`). The fake reads the article text
from the prompt it is sent and answers from `../shared/eval/dev/labels.jsonl` at run time: the
label's status, an accepted name from its aliases, the labeller's `gold` sentences, and evidence
sentences copied verbatim from the prompt's article text (the one that best matches the label's
keywords and aliases). Nothing of the evaluation set is stored in this repository.

Printed: per-field scores (the shared scorer, `../shared/eval/score.py`, imported by path) of the
oracle's own answers and of what Verdict posted, and their ratio (target ≥ 0.97 for every field);
for the liar, how many invented names/numbers and non-verbatim evidence sentences reached a brief
(target 0) and how many of its flipped statuses did; for every run, the share of the model's
fields that survived grounding, and the median prompt/completion tokens and seconds per article.
Exits 2 with one line when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import re
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from fakes.openai import FakeOpenAI, Recorded, Reply  # noqa: E402
from fakes.openai import error as fake_error  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
EVAL = SHARED / "eval"
FIELDS = ("status", "requester", "decided_by", "request", "reason", "negatives")
TARGET_RETENTION = 0.97
CAPS = {"request": 250, "decision": 250, "reason": 250, "summary": 600, "requester": 80, "decided_by": 80}
# names no article of the dev set holds (checked per article all the same)
LIAR_NAMES = ["Ottoline Vexford", "Barnaby Quillfeather", "Marisol Trevannick", "Hollis Drummagh",
              "Ysolde Pennicott", "Cassius Wetherwax"]
LIAR_ORGS = ["Vantridge Holdings", "Kelderwick Trust", "Ambrosine Capital", "Tolliver Group"]
LIAR_NUMBERS = ["4817", "7,362", "9,051", "63,408"]
_EXPLICIT = {"approved": re.compile(r"\b(approved|granted|accepted|allowed|backed)\b", re.I),
             "declined": re.compile(r"\b(rejected|refused|declined|denied|dismissed|turned down|vetoed)\b", re.I)}
_STOP = frozenset("the and for with that this from have has had was were are been will would its their "
                  "his her they them which who what when where into over also than then there said says "
                  "about after before article gives".split())


# --- the scorer, by path ------------------------------------------------------------------------------

def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("verdict_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- what a careful model would answer ------------------------------------------------------------------

def prompt_parts(messages: list[dict[str, str]]) -> tuple[str, str]:
    """(headline, article text) as the prompt shows them (the first user message)."""
    user = next(m["content"] for m in messages if m.get("role") == "user")
    headline = ""
    for line in user.splitlines():
        if line.startswith("Headline: "):
            headline = line[len("Headline: "):].strip()
            break
    start = user.find("\nArticle:\n")
    text = user[start + len("\nArticle:\n"):] if start >= 0 else user
    end = text.find("\n\nReturn one JSON object")
    return headline, text[:end] if end >= 0 else text


_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def prompt_sentences(headline: str, text: str) -> list[str]:
    """The prompt's sentences as a model would copy them: its own split, not Verdict's."""
    out = [headline] if headline else []
    for paragraph in text.splitlines():
        paragraph = paragraph.strip()
        if paragraph and not paragraph.startswith("[…"):
            out.extend(s.strip() for s in _SPLIT.split(paragraph) if len(s.strip()) > 12)
    return out


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if len(w) >= 4 and w not in _STOP}


def best_sentence(sentences: list[str], scorer, *, groups=(), aliases=(), gold: str = "",
                  weights=(3.0, 1.0, 2.0)) -> str | None:
    """The sentence that best matches keyword groups, aliases and the gold sentence's words."""
    wanted = _stems(gold)
    best, best_score = None, 0.0
    for position, sentence in enumerate(sentences):
        hit = scorer.groups_hit(sentence, groups) or 0.0 if groups else 0.0
        alias = float(any(scorer.mentions(sentence, a) for a in aliases))
        overlap = len(_stems(sentence) & wanted) / len(wanted) if wanted else 0.0
        value = weights[0] * hit + weights[1] * alias + weights[2] * overlap - 0.001 * position
        if value > best_score:
            best, best_score = sentence, value
    return best


def _cut(text: str | None, cap: int) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    if len(text) <= cap:
        return text
    return text[: text.rfind(" ", 0, cap)].rstrip(",;: ")


def _alias(aliases: list[str], article: str, scorer, avoid: list[str] = ()) -> str | None:
    present = [a for a in aliases if scorer.mentions(article, a)
               and not any(scorer.mentions(a, b) or scorer.mentions(b, a) for b in avoid)]
    return (present or aliases or [None])[0]


def oracle_answer(label: dict, messages: list[dict[str, str]], scorer) -> dict[str, Any]:
    headline, text = prompt_parts(messages)
    sentences = prompt_sentences(headline, text)
    article = headline + "\n" + text
    gold = label.get("gold", {})
    empty = {"requester": None, "request": None, "decision": None, "reason": None}
    if label["kind"] == "negative" or label["status"] == "none":
        return {"summary": _cut(sentences[0] if sentences else headline, CAPS["summary"]) or "No request.",
                "requester": None, "request": None, "decided_by": None, "status": "unknown",
                "decision": None, "reason": None, "evidence": empty}
    req_aliases, dec_aliases = label["requester_aliases"], label.get("decided_by_aliases", [])
    requester = _alias(req_aliases, article, scorer, avoid=dec_aliases)
    decided_by = _alias(dec_aliases, article, scorer, avoid=req_aliases) if dec_aliases else None
    request_groups, reason_groups = label["request_keywords"], label.get("reason_keywords") or []
    evidence = {
        "requester": best_sentence(sentences, scorer, groups=request_groups, aliases=[requester] if requester else [],
                                   gold=gold.get("requester", ""), weights=(1.0, 3.0, 1.0)),
        "request": best_sentence(sentences, scorer, groups=request_groups, aliases=req_aliases,
                                 gold=gold.get("request", "")),
        "decision": best_sentence(sentences, scorer, aliases=dec_aliases, gold=gold.get("decision", ""),
                                  weights=(0.0, 1.0, 3.0)),
        "reason": best_sentence(sentences, scorer, groups=reason_groups, gold=gold.get("reason", ""),
                                weights=(3.0, 0.0, 2.0)) if reason_groups else None,
    }
    return {
        "summary": _cut(" ".join(filter(None, [gold.get("request"), gold.get("decision")])), CAPS["summary"]),
        "requester": requester, "request": _cut(gold.get("request"), CAPS["request"]),
        "decided_by": decided_by, "status": label["status"],
        "decision": _cut(gold.get("decision"), CAPS["decision"]),
        "reason": _cut(gold.get("reason"), CAPS["reason"]) if reason_groups else None,
        "evidence": evidence,
    }


def liar_answer(label: dict, messages: list[dict[str, str]], scorer, number: int) -> tuple[dict, dict]:
    """(answer, what was planted): the oracle's answer with lies grounding can catch."""
    headline, text = prompt_parts(messages)
    article = headline + "\n" + text
    pick = lambda pool: next((x for i in range(len(pool))  # noqa: E731
                              if not re.search(re.escape((x := pool[(number + i) % len(pool)]).split()[-1]),
                                               article, re.I)), pool[number % len(pool)])
    person, org, figure = pick(LIAR_NAMES), pick(LIAR_ORGS), pick(LIAR_NUMBERS)
    answer = oracle_answer(label, messages, scorer)
    planted = {"tokens": [*person.split(), *org.split(), figure], "flipped": None}
    if answer["status"] == "unknown":
        # a request that isn't there, decided in a sentence that isn't either
        answer.update(requester=org, request=f"approval for a {figure}-home scheme", decided_by=person,
                      status="approved", decision=f"{person} approved it", reason=None,
                      summary=f"{person} approved the {org} plan.",
                      evidence={"requester": f"{org} asked for approval of {figure} homes.",
                                "request": f"{org} asked for approval of {figure} homes.",
                                "decision": f"{person} approved the plan on Monday.", "reason": None})
        return answer, planted
    evidence = dict(answer["evidence"])
    answer["requester"] = f"{org} and {answer['requester']}"
    answer["request"] = _cut(f"{answer['request'] or 'the request'}, worth {figure} million", CAPS["request"])
    answer["decided_by"] = f"Judge {person}"
    answer["decision"] = _cut(f"{answer['decision'] or 'decided'} by {figure} votes", CAPS["decision"])
    answer["summary"] = _cut(f"{person} decided on {org}'s request. " + (answer["summary"] or ""), CAPS["summary"])
    if answer["reason"]:
        # the labeller's words passed off as a quote: not a sentence of the article
        evidence["reason"] = label["gold"].get("reason") or f"{person} gave no reason."
    if evidence.get("request"):
        evidence["request"] = evidence["request"].rstrip(".") + f", said {person}."
    evidence["requester"] = f"{org} filed the request in {figure}."
    # the opposite status, where the decision sentence states the decision outright
    opposite = {"approved": "declined", "declined": "approved"}.get(answer["status"])
    if opposite and evidence.get("decision") and _EXPLICIT[answer["status"]].search(evidence["decision"]) \
            and not _EXPLICIT[opposite].search(evidence["decision"]):
        planted["flipped"] = opposite
        answer["status"] = opposite
    answer["evidence"] = evidence
    return answer, planted


# --- the fake server ------------------------------------------------------------------------------------

class OracleServer:
    """An OpenAI-compatible /v1/chat/completions on 127.0.0.1:<free port> answering from labels
    (the tests' FakeOpenAI, with the oracle as its responder)."""

    def __init__(self, labels: list[dict], scorer, *, liar: bool = False):
        self.scorer, self.liar = scorer, liar
        self.labels = labels
        self.current: dict | None = None  # the label of the article being summarised
        self.answers: dict[str, dict] = {}  # label id -> the (first) answer given
        self.planted: dict[str, dict] = {}
        self.requests = 0
        self._lock = threading.Lock()
        self._fake = FakeOpenAI(self._respond)

    @property
    def base_url(self) -> str:
        return self._fake.base_url

    def __enter__(self) -> OracleServer:
        self._fake.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._fake.stop()

    def _respond(self, request: Recorded) -> Reply:
        try:
            return Reply(200, self.answer(request.json))
        except Exception as error:  # the bench's own bug: an HTTP 500 the client reports
            return fake_error(500, f"oracle: {type(error).__name__}: {error}")

    def answer(self, body: dict) -> dict:
        messages = body.get("messages") or []
        label = self.current
        with self._lock:
            self.requests += 1
            number = self.requests
        if label is None:
            content = {"error": "no article expected"}
        elif self.liar:
            content, planted = liar_answer(label, messages, self.scorer, number)
            self.planted.setdefault(label["id"], planted)
        else:
            content = oracle_answer(label, messages, self.scorer)
        self.answers.setdefault(label["id"] if label else "?", content)
        text = json.dumps(content)
        prompt = sum(len(m.get("content", "")) for m in messages) // 4
        return {"id": f"chatcmpl-oracle-{number}", "object": "chat.completion", "created": int(time.time()),
                "model": body.get("model", "oracle"),
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": text}}],
                "usage": {"prompt_tokens": prompt, "completion_tokens": len(text) // 4,
                          "total_tokens": prompt + len(text) // 4}}


# --- per-brief facts from the summariser's own log line -----------------------------------------------

class TraceCollector(logging.Handler):
    """Collects `record.verdict_llm` (see bot.summarizers.llm.summarizer) per source."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.traces: dict[str, dict] = {}
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        trace = getattr(record, "verdict_llm", None)
        if trace:
            self.traces[trace["source"]] = trace
        elif record.levelno >= logging.WARNING:
            self.warnings.append(record.getMessage())


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def usage_line(traces: list[dict], seconds: list[float]) -> str:
    prompt = [t["prompt_tokens"] for t in traces if t.get("prompt_tokens") is not None]
    completion = [t["completion_tokens"] for t in traces if t.get("completion_tokens") is not None]
    return (f"median per article: prompt tokens {_median(prompt)}, completion tokens {_median(completion)}, "
            f"seconds {_median(seconds)} ({len(traces)} LLM briefs, "
            f"{sum(1 for t in traces if t.get('reasked'))} re-asked)")


def survival_line(traces: list[dict]) -> str:
    offered = sum(len(t["offered"]) for t in traces)
    kept = sum(len(set(t["offered"]) & set(t["from_model"])) for t in traces)
    share = f"{kept / offered:.3f}" if offered else "-"
    return f"model fields that survived grounding: {kept}/{offered} = {share}"


def fallback_counts(traces: list[dict]) -> Counter:
    counts: Counter = Counter()
    for trace in traces:
        for name, why in trace["fallback"].items():
            counts[(name, re.sub(r":.*", "", why))] += 1
    return counts


# --- checks independent of Verdict's grounding code -----------------------------------------------------

def _norm(text: str) -> str:
    table = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
    return " ".join(text.translate(table).split()).casefold()


def not_verbatim(brief: dict, article_text: str) -> list[str]:
    haystack = _norm(article_text)
    return [name for name, sentence in (brief.get("evidence") or {}).items()
            if sentence and _norm(sentence) not in haystack]


_NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def invented(brief: dict, article_text: str) -> list[str]:
    """Capitalised words (not opening a sentence) and numbers in the brief's fields that the article
    never has, not even as a word starting the same way ("Iranian" ~ "Iran"). Cruder than
    Verdict's grounding on purpose: a second opinion, not a copy."""
    haystack = _norm(article_text)
    digits = haystack.replace(",", "")
    words = set(re.findall(r"\w+", haystack))
    found = []
    for name in ("summary", "requester", "request", "decided_by", "decision", "reason"):
        value = brief.get(name) or ""
        for match in re.finditer(r"\b[A-Z][a-z]{2,}\b|\b\d[\d,.]*\d\b|\b\d\b", value):
            token = match.group()
            if token[0].isdigit():
                key = token.replace(",", "").rstrip(".")
                spelled = int(key) < len(_NUMBER_WORDS) and _NUMBER_WORDS[int(key)] in words if key.isdigit() else False
                if not re.search(r"(?<![\w.])" + re.escape(key) + r"(?![\w])", digits) and not spelled:
                    found.append(f"{name}:{token}")
                continue
            if re.search(r"(?:^|[.!?:;]\s+)$", value[: match.start()]):
                continue  # a sentence's first word may be any word
            key = _norm(token)[:4]
            if not any(word.startswith(key) for word in words):
                found.append(f"{name}:{token}")
    return found


# --- runs -----------------------------------------------------------------------------------------------

def _summarizer(settings):
    from bot.summarizers import make_summarizer

    return make_summarizer(settings)


def run_fake(args, scorer, labels: list[dict]) -> int:
    from bot.config import Settings
    from bot.pipeline.fetching import Fetcher
    from bot.pipeline.source import brief_source, read_file

    docs = {p.stem: p for p in (EVAL / "dev" / "docs").iterdir() if p.suffix.lower() in {".txt", ".html", ".htm"}}
    collector = TraceCollector()
    logging.getLogger("bot").addHandler(collector)
    logging.getLogger("bot").setLevel(logging.INFO)
    briefs, oracle_briefs, seconds, failures = [], [], [], []
    lies = {"invented": [], "not_verbatim": [], "flipped": 0, "flips_posted": 0, "planted_posted": []}
    with OracleServer(labels, scorer, liar=args.liar) as server:
        settings = Settings(_env_file=None, summarizer="openai", openai_base_url=server.base_url,
                            openai_model="oracle-liar" if args.liar else "oracle", openai_api_key="not-needed",
                            openai_timeout=60, openai_concurrency=1, openai_max_retries=0)
        summarizer, fetcher = _summarizer(settings), Fetcher(settings)
        for label in labels:
            path = docs.get(label["id"])
            if path is None:
                failures.append(f"{label['id']}: no document")
                continue
            server.current = label
            started = time.perf_counter()
            brief = json.loads(brief_source(str(path), fetcher=fetcher, summarizer=summarizer).to_json())
            seconds.append(time.perf_counter() - started)
            server.current = None
            briefs.append(brief)
            answer = server.answers.get(label["id"])
            if answer is not None:
                oracle_briefs.append({**answer, "source": str(path)})
            article = read_file(path)
            text = "\n".join(filter(None, [article.title, article.text]))
            if args.liar:
                planted = server.planted.get(label["id"], {})
                posted = [t for t in planted.get("tokens", []) if any(
                    re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", str(v or ""))
                    for v in [*(brief.get(k) for k in ("summary", "requester", "request", "decided_by",
                                                       "decision", "reason")), *brief["evidence"].values()])]
                if posted:
                    lies["planted_posted"].append(f"{label['id']}: {', '.join(posted)}")
                if planted.get("flipped"):
                    lies["flipped"] += 1
                    lies["flips_posted"] += brief["status"] == planted["flipped"]
            lies["invented"] += [f"{label['id']}: {x}" for x in invented(brief, text)]
            lies["not_verbatim"] += [f"{label['id']}: evidence.{x}" for x in not_verbatim(brief, text)]
            trace = collector.traces.get(str(path))
            if args.verbose and trace and trace["fallback"]:
                print(f"-- {label['id']}: " + "; ".join(f"{k} ({v})" for k, v in trace["fallback"].items()),
                      file=sys.stderr)
    traces = [collector.traces[b["source"]] for b in briefs if b["source"] in collector.traces]
    verdict_scores = scorer.score(labels, briefs)
    print(f"{'liar' if args.liar else 'oracle'} bench: {len(briefs)} articles of {EVAL / 'dev'}, "
          f"{len(traces)} LLM briefs, {server.requests} completions")
    if not args.liar:
        own = scorer.score(labels, oracle_briefs)
        print(f"{'field':<12}{'oracle':>8}{'verdict':>9}{'ratio':>8}")
        missed = []
        for name in FIELDS:
            a, b = own.get(name), verdict_scores.get(name)
            ratio = (b / a) if a else None
            if ratio is not None and ratio < TARGET_RETENTION:
                missed.append(name)
            print(f"{name:<12}{a!s:>8}{b!s:>9}{'-' if ratio is None else f'{ratio:.3f}':>8}"
                  f"  {'MISSED' if name in missed else 'ok'}")
        print(f"wrong (lower is better): oracle {own.get('wrong')}, verdict {verdict_scores.get('wrong')}")
        for half in ("tune", "check"):
            subset = [lab for lab in labels if scorer.half_of(lab["id"]) == half]
            mine, theirs = scorer.score(subset, briefs), scorer.score(subset, oracle_briefs)
            ratios = ", ".join(f"{name} {mine[name] / theirs[name]:.3f}" for name in FIELDS if theirs.get(name))
            print(f"{half} half ({len(subset)} articles), ratio: {ratios}")
    else:
        print(f"planted names/numbers that reached a brief: {len(lies['planted_posted'])}")
        for line in lies["planted_posted"]:
            print(f"   {line}")
        print(f"flipped statuses that reached a brief: {lies['flips_posted']} of {lies['flipped']}")
        print(f"verdict scores under the liar: {json.dumps({k: verdict_scores.get(k) for k in FIELDS})}")
    print(f"invented names/numbers in briefs (independent check): {len(lies['invented'])}")
    for line in lies["invented"][:20]:
        print(f"   {line}")
    print(f"non-verbatim evidence in briefs: {len(lies['not_verbatim'])}")
    for line in lies["not_verbatim"][:20]:
        print(f"   {line}")
    print(survival_line(traces))
    print(usage_line(traces, seconds))
    for (name, why), count in sorted(fallback_counts(traces).items(), key=lambda item: -item[1])[:12]:
        print(f"   fallback {name}: {why} ×{count}")
    for line in failures + collector.warnings[:10]:
        print(f"note: {line}")
    if args.liar:
        ok = not lies["planted_posted"] and not lies["not_verbatim"] and not lies["flips_posted"]
    else:
        ok = not missed and not lies["not_verbatim"]
    return 0 if ok else 1


def run_endpoint(args, scorer, labels: list[dict]) -> int:
    """The configured real endpoint on the seeds (and the dev set with --dev)."""
    from bot.config import Settings
    from bot.pipeline.fetching import Fetcher
    from bot.pipeline.source import brief_source, read_file

    settings = Settings(summarizer="openai")  # OPENAI_* from the environment / .env
    collector = TraceCollector()
    logging.getLogger("bot").addHandler(collector)
    logging.getLogger("bot").setLevel(logging.INFO)
    summarizer, fetcher = _summarizer(settings), Fetcher(settings)
    paths = sorted((REPO / "seeds").glob("*.txt"))
    if args.dev:
        paths += sorted(p for p in (EVAL / "dev" / "docs").iterdir() if p.suffix.lower() in {".txt", ".html", ".htm"})
    briefs, seconds, problems = [], [], []
    for path in paths:
        started = time.perf_counter()
        brief = json.loads(brief_source(str(path), fetcher=fetcher, summarizer=summarizer).to_json())
        seconds.append(time.perf_counter() - started)
        briefs.append(brief)
        article = read_file(path)
        text = "\n".join(filter(None, [article.title, article.text]))
        bad = invented(brief, text) + [f"evidence.{x} not verbatim" for x in not_verbatim(brief, text)]
        trace = collector.traces.get(str(path))
        kept = f"{len(set(trace['offered']) & set(trace['from_model']))}/{len(trace['offered'])} model fields kept" \
            if trace else "heuristic brief (the model's answer was not usable)"
        if path.parent.name == "seeds":
            print(f"{path.name}: {brief['status']}, requester {brief['requester']!r}; {kept}"
                  + (f"; INVENTED: {bad}" if bad else ""))
        problems += [f"{path.name}: {x}" for x in bad]
    seed = next((b for b in briefs if Path(b["source"]).name == "000_4a877bff2c10e4a4.txt"), None)
    seed_ok = bool(seed) and seed["status"] == "declined" and "Ukrain" in (seed["requester"] or "")
    print(f"seed article: {'ok' if seed_ok else 'WRONG'} (want declined / Ukraine)")
    print(f"invented names/numbers or non-verbatim evidence in briefs: {len(problems)}")
    traces = [collector.traces[b["source"]] for b in briefs if b["source"] in collector.traces]
    print(survival_line(traces))
    print(usage_line(traces, seconds))
    if args.dev:
        dev = [b for b in briefs if Path(b["source"]).parent.name == "docs"]
        print(f"dev set scores: {json.dumps(scorer.score(labels, dev))}")
    if not traces:
        print("the model gave no usable answer: every brief is the heuristic's")
    return 0 if seed_ok and not problems and traces else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--liar", action="store_true", help="answer with lies grounding can catch")
    parser.add_argument("--endpoint", action="store_true", help="the real endpoint of OPENAI_* instead of a fake")
    parser.add_argument("--dev", action="store_true", help="with --endpoint: the dev set too")
    parser.add_argument("--verbose", action="store_true", help="each article's fallbacks on stderr")
    args = parser.parse_args(argv)
    labels_path, scorer_path = EVAL / "dev" / "labels.jsonl", EVAL / "score.py"
    needs_shared = not args.endpoint or args.dev
    if needs_shared and not (labels_path.is_file() and scorer_path.is_file() and (EVAL / "dev" / "docs").is_dir()):
        print(f"oracle_llm: no evaluation set at {EVAL} (the shared folder is absent)", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.WARNING)  # the INFO lines go to TraceCollector only
    try:
        scorer = load_scorer(scorer_path) if scorer_path.is_file() else None
        labels = [json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines()
                  if line.strip()] if labels_path.is_file() else []
        return run_endpoint(args, scorer, labels) if args.endpoint else run_fake(args, scorer, labels)
    except Exception as error:  # a broken backend, scorer or setting: one line, not a traceback
        print(f"oracle_llm: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
