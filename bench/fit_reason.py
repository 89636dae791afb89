#!/usr/bin/env python3
"""Fit the weights that rank reason candidates, on the TUNE halves of the labelled sets.

    python bench/fit_reason.py              # writes the "reason" weights into bot/summarizers/heuristic/weights.json
    python bench/fit_reason.py --dry-run    # prints the weights and the out-of-fold scores only

For each tune-half article whose brief states an accepted status, every reason candidate of
`bot.summarizers.heuristic.reason.reason_candidates` is scored by the shared scorer's keyword groups
(`score.groups_hit` on the label's `reason_keywords`); a listwise logistic regression (a softmax
over one article's candidates, plain Python, L2-regularised gradient descent) learns to put the
best-scoring candidates first. Fitted on the development set's tune half and the written set's
(`tests/data/invented`): the development set alone has too few reasons. Prints the reason score of
the rule's pick and of the ranking, in and out of fold (FOLDS folds by id). The check halves are
never opened here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.eval_briefs import SHARED_EVAL, WRITTEN, load_scorer  # noqa: E402

OUT = REPO / "bot" / "summarizers" / "heuristic" / "weights.json"
FOLDS = 5
L2 = 0.01
STEPS = 400
RATE = 1.0

Group = tuple[list[dict[str, float]], list[float]]  # one article: its candidates' features, the target shares


def fit(groups: list[Group]) -> dict[str, float]:
    """Weights that maximise each article's softmax share of its best candidates, minus L2."""
    names = sorted({k for feats, _ in groups for f in feats for k in f})
    w = dict.fromkeys(names, 0.0)
    n = max(1, len(groups))
    for _ in range(STEPS):
        grad = dict.fromkeys(names, 0.0)
        for feats, target in groups:
            z = [sum(w[k] * v for k, v in f.items()) for f in feats]
            top = max(z)
            e = [math.exp(x - top) for x in z]
            total = sum(e)
            for f, ei, y in zip(feats, e, target, strict=True):
                err = ei / total - y
                if err:
                    for k, v in f.items():
                        grad[k] += err * v
        for k in names:
            w[k] -= RATE * (grad[k] / n + L2 * w[k])
    return {k: round(v, 3) for k, v in w.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=SHARED_EVAL / "dev" / "docs")
    parser.add_argument("--labels", type=Path, default=SHARED_EVAL / "dev" / "labels.jsonl")
    parser.add_argument("--scorer", type=Path, default=SHARED_EVAL / "score.py")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    if not args.docs.is_dir() or not args.labels.is_file() or not args.scorer.is_file():
        print(f"fit_reason: no evaluation set at {args.docs}", file=sys.stderr)
        return 2
    from bot.models import Status
    from bot.pipeline.source import read_file
    from bot.summarizers.heuristic.budget import Budget
    from bot.summarizers.heuristic.choose import choose
    from bot.summarizers.heuristic.events import find_events
    from bot.summarizers.heuristic.fields import build_fields
    from bot.summarizers.heuristic.reason import no_reason, reason_candidates, select
    from bot.summarizers.heuristic.tokens import read_sentences
    from bot.summarizers.heuristic.types import EventKind
    from bot.summarizers.heuristic.weights import load

    scorer = load_scorer(args.scorer)
    weights = load()
    chosen: list[tuple[list, int, bool]] = []  # each article's candidates, decision sentence, deferral
    articles: list[tuple[str, bool, Group, list[float], float]] = []  # id, names a reason, candidates, scores, rule's
    for docs, labels_path in ((args.docs, args.labels), (WRITTEN / "docs", WRITTEN / "labels.jsonl")):
        files = {p.stem: p for p in docs.iterdir()}
        for line in labels_path.read_text(encoding="utf-8").splitlines():
            lab = json.loads(line) if line.strip() else None
            if not lab or scorer.half_of(lab["id"]) != "tune" or lab["kind"] != "positive" or lab["id"] not in files:
                continue
            article = read_file(files[lab["id"]])
            sentences = read_sentences(article.title, article.text, Budget.start(5.0))
            events = find_events(sentences, Budget.start(5.0))
            choice, _ = choose(sentences, events, weights)
            ok = {lab["status"], *lab.get("status_also_ok", [])}
            if choice.status is Status.UNKNOWN or choice.status.value not in ok or choice.decision is None:
                continue
            # the fields stage names the decider and the requester on the choice, as the brief does
            build_fields(sentences, events, choice, weights)
            cands = reason_candidates(sentences, choice)
            if not cands:
                continue
            keywords = lab.get("reason_keywords") or []
            # the last option is no reason: the target where the label names none or no candidate has it
            hits = [scorer.groups_hit(c.text, keywords) or 0.0 for c in cands] + [0.0]
            best = max(hits)
            target = [float(h == best) for h in hits[:-1]] + [0.0] if best > 0 else [0.0] * len(cands) + [1.0]
            total = sum(target)
            rule = [c for c in cands if c.source.value == "rule"]
            rule_score = scorer.groups_hit(rule[0].text, keywords) or 0.0 if rule else 0.0
            feats = [c.features for c in cands] + [no_reason(choice.decision.kind is EventKind.DEFERRAL)]
            articles.append((lab["id"], bool(keywords), (feats, [t / total for t in target]), hits, rule_score))
            chosen.append((cands, choice.decision.sentence, choice.decision.kind is EventKind.DEFERRAL))

    def picked(w: dict[str, float], k: int) -> float:
        """The keyword score of the reason `reason.select` gives article k under weights w."""
        cands, at, deferral = chosen[k]
        best = select(cands, w, at, deferral)
        return 0.0 if best is None else articles[k][3][cands.index(best)]

    w_all = fit([a[2] for a in articles])
    fold_of = [int(hashlib.sha1(a[0].encode()).hexdigest(), 16) % FOLDS for a in articles]
    scored = [k for k, a in enumerate(articles) if a[1]]  # the articles whose label names a reason
    oof = 0.0
    for fold in range(FOLDS):
        w = fit([a[2] for a, f in zip(articles, fold_of, strict=True) if f != fold])
        oof += sum(picked(w, k) for k in scored if fold_of[k] == fold)
    n = max(1, len(scored))
    rule_best = sum(articles[k][4] for k in scored) / n
    in_sample = sum(picked(w_all, k) for k in scored) / n
    abstains = sum(1 for cands, at, deferral in chosen if select(cands, w_all, at, deferral) is None)
    print(f"articles {len(articles)} ({len(scored)} whose label names a reason; no reason given on {abstains}): reason keyword score — the rule's pick {rule_best:.3f}, "
          f"the ranking's in sample {in_sample:.3f}, out of fold {oof / n:.3f}")
    if args.dry_run:
        for k, v in sorted(w_all.items(), key=lambda kv: -abs(kv[1])):
            print(f"  {k:28s} {v:+.3f}")
        return 0
    raw = json.loads(OUT.read_text(encoding="utf-8"))
    raw["reason"] = w_all
    raw["reason_articles"] = len(articles)
    raw["reason_in_sample"] = round(in_sample, 3)
    raw["reason_rule"] = round(rule_best, 3)
    raw["reason_out_of_fold"] = round(oof / n, 3)
    OUT.write_text(json.dumps(raw, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}: reason weights from {len(articles)} tune-half articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
