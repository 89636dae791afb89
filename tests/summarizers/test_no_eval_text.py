"""No evaluation article's sentence, nor a run of its words, is copied into the repository (code,
comments, tests, docs).

Reads `../shared/eval/dev/docs` next to the checkout; skips when that folder is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.pipeline.source import read_file
from bot.text import split_sentences

REPO = Path(__file__).resolve().parents[2]
EVAL_DOCS = REPO.parent / "shared" / "eval" / "dev" / "docs"
SUFFIXES = {".py", ".md", ".txt", ".json", ".jsonl", ".html", ".htm", ".toml", ".cfg", ".ini", ".sh", ".yml", ".yaml"}
SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache"}
MIN_CHARS = 60  # shorter sentences ("The court agreed.") may be written independently
RUN_WORDS = 10  # a run this long is a quotation (eight words still meet in "an appeal to the Court of Arbitration for Sport")
# articles written for Verdict by colleagues who never saw the evaluation set: a coincidence of an
# institution's long name there is no copy (their whole sentences are still checked above)
WRITTEN_DOCS = REPO / "tests" / "data" / "invented" / "docs"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"'“”‘’]", "'", text)).strip().lower()


def _repo_text(skip: Path | None = None) -> str:
    parts = []
    for path in REPO.rglob("*"):
        if any(part in SKIP_DIRS for part in path.relative_to(REPO).parts):
            continue
        if skip is not None and path.is_relative_to(skip):
            continue
        if path.is_file() and path.suffix.lower() in SUFFIXES and path.stat().st_size < 5_000_000:
            parts.append(_norm(path.read_text(encoding="utf-8", errors="replace")))
    return "\n".join(parts)


@pytest.mark.skipif(not EVAL_DOCS.is_dir(), reason="the shared evaluation set is absent")
def test_no_evaluation_sentence_in_the_repo() -> None:
    haystack = _repo_text()
    copied = []
    for doc in sorted(EVAL_DOCS.iterdir()):
        if doc.suffix.lower() not in (".txt", ".html", ".htm"):
            continue
        article = read_file(doc)
        for sentence in [article.title or "", *split_sentences(article.text)]:
            if len(sentence) >= MIN_CHARS and _norm(sentence) in haystack:
                copied.append(f"{doc.name}: {sentence[:60]}...")
    assert not copied, "evaluation text found in the repository:\n" + "\n".join(copied[:20])


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", _norm(text))


@pytest.mark.skipif(not EVAL_DOCS.is_dir(), reason="the shared evaluation set is absent")
def test_no_run_of_evaluation_words_in_the_repo() -> None:
    words = _words(_repo_text(skip=WRITTEN_DOCS))
    runs = set(zip(*(words[k:] for k in range(RUN_WORDS)), strict=False))
    copied = []
    for doc in sorted(EVAL_DOCS.iterdir()):
        if doc.suffix.lower() not in (".txt", ".html", ".htm"):
            continue
        article = read_file(doc)
        theirs = _words(f"{article.title or ''} {article.text}")
        copied += [f"{doc.name}: {' '.join(run)}" for run in zip(*(theirs[k:] for k in range(RUN_WORDS)), strict=False)
                   if run in runs]
    assert not copied, "runs of evaluation text found in the repository:\n" + "\n".join(sorted(set(copied))[:20])
