"""The lexicon's inflection table (package data) covers every lemma and matches lemminflect."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.summarizers.heuristic import lexicon

REPO = Path(__file__).resolve().parents[2]


def test_every_lemma_has_its_forms_in_the_data_file():
    missing = [lemma for lemma in lexicon.all_lemmas() if lemma not in lexicon._inflection_table()]
    assert missing == [], f"run python bench/build_inflections.py (missing: {missing})"


def test_irregular_and_british_forms_are_known():
    assert {"won", "wins", "winning"} <= lexicon.inflections("win")
    assert {"upheld", "sought", "threw"} <= lexicon.inflections("uphold") | lexicon.inflections("seek") | lexicon.inflections("throw")
    assert "authorised" in lexicon.inflections("authorize")
    assert lexicon.is_participle("upheld") and lexicon.is_participle("rejected")
    assert lexicon.lookup("rebuffed").meaning is lexicon.Meaning.REFUSE


def test_the_running_summariser_never_imports_lemminflect():
    code = ("import sys; from bot.summarizers.heuristic import HeuristicSummarizer, lexicon; lexicon.warm(); "
            "print('lemminflect' in sys.modules, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert out.stdout.split() == ["False", "False"], out.stderr


def test_the_data_file_is_what_lemminflect_writes():
    pytest.importorskip("lemminflect")
    out = subprocess.run([sys.executable, "bench/build_inflections.py", "--check"], capture_output=True,
                         text=True, cwd=REPO, timeout=120)
    assert out.returncode == 0, out.stderr
