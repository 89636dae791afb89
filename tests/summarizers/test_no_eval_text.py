"""No evaluation article's sentence is copied into the repository (code, comments, tests, docs).

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


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"'“”‘’]", "'", text)).strip().lower()


def _repo_text() -> str:
    parts = []
    for path in REPO.rglob("*"):
        if any(part in SKIP_DIRS for part in path.relative_to(REPO).parts):
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
