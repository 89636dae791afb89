#!/usr/bin/env python3
"""How the status threshold trades right answers for wrong ones, on the TUNE halves only.

    python bench/sweep_cut.py            # the development set's tune half and the written set's
    python bench/sweep_cut.py --cuts 0.6 0.7 0.76 0.8

For each cut: articles whose status would be right, and wrong (a stated status that is not an
accepted one), with the fitted weights of `weights.json` and every other rule as shipped; and
right minus three times wrong, the trade the threshold is judged by (a wrong decision costs more
than an honest "unknown"). Check halves are never read here. Exits 2 with one line when neither
set is present.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.eval_briefs import SHARED_EVAL, WRITTEN, load_scorer  # noqa: E402

CUTS = (0.5, 0.6, 0.65, 0.7, 0.74, 0.76, 0.8, 0.85, 0.9)
WRONG_COST = 3


def tune_rows(scorer, docs: Path, labels: Path) -> list[tuple[float, str, set[str]]]:
    from bot.pipeline.source import read_file
    from bot.summarizers.heuristic.budget import Budget
    from bot.summarizers.heuristic.choose import choose
    from bot.summarizers.heuristic.events import find_events
    from bot.summarizers.heuristic.tokens import read_sentences
    from bot.summarizers.heuristic.weights import Weights, load

    fitted = load()
    uncut = Weights(fitted.decision, fitted.requester, 0.0)  # every status stated: the cut is applied below
    files = {p.stem: p for p in docs.iterdir()}
    rows = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        lab = json.loads(line)
        if scorer.half_of(lab["id"]) != "tune" or lab["id"] not in files:
            continue
        article = read_file(files[lab["id"]])
        sentences = read_sentences(article.title, article.text, Budget.start(5.0))
        choice, _ = choose(sentences, find_events(sentences, Budget.start(5.0)), uncut)
        gold = "unknown" if lab["status"] == "none" else lab["status"]
        rows.append((choice.confidence, choice.status.value, {gold, *lab.get("status_also_ok", [])}))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cuts", type=float, nargs="+", default=list(CUTS))
    args = parser.parse_args(argv)
    scorer_path = SHARED_EVAL / "score.py"
    sets = [(name, docs, labels) for name, docs, labels in (
        ("dev-tune", SHARED_EVAL / "dev" / "docs", SHARED_EVAL / "dev" / "labels.jsonl"),
        ("w-tune", WRITTEN / "docs", WRITTEN / "labels.jsonl"),
    ) if docs.is_dir() and labels.is_file()]
    if not sets or not scorer_path.is_file():
        print("sweep_cut: no labelled set or scorer (../shared/eval is absent)", file=sys.stderr)
        return 2
    scorer = load_scorer(scorer_path)
    rows = {name: tune_rows(scorer, docs, labels) for name, docs, labels in sets}
    print(f"{'cut':>5}" + "".join(f"{name + ' right/wrong':>22}" for name in rows) + f"{'right-3*wrong':>16}")
    for cut in args.cuts:
        cells, total = [], 0
        for data in rows.values():
            right = sum(1 for p, status, ok in data if (status if p >= cut else "unknown") in ok)
            wrong = sum(1 for p, status, ok in data if p >= cut and status not in ok)
            total += right - WRONG_COST * wrong
            cells.append(f"{right:>4}/{len(data)} {wrong:>3} wrong")
        print(f"{cut:>5.2f}" + "".join(f"{c:>22}" for c in cells) + f"{total:>16}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
