#!/usr/bin/env python3
"""Golden briefs: a JSONL snapshot of the heuristic brief of every seed and synthetic test article.

    python bench/golden.py            # exit 1 and print which briefs differ from the snapshot
    python bench/golden.py --update   # rewrite tests/summarizers/golden.jsonl after an intended change

`tests/summarizers/test_golden.py` runs the same comparison. The shared evaluation articles are
never snapshotted (they must not be copied into the repository): `bench/eval_briefs.py` scores them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SNAPSHOT = REPO / "tests" / "summarizers" / "golden.jsonl"
SOURCES = ("seeds", "tests/data/heuristic_cases", "tests/data/heldout2/docs", "tests/summarizers/data")


def articles() -> list[Path]:
    paths: list[Path] = []
    for folder in SOURCES:
        base = REPO / folder
        if base.is_dir():
            paths.extend(sorted(p for p in base.iterdir() if p.suffix.lower() in (".txt", ".html", ".htm")))
    return paths


def current() -> dict[str, dict]:
    from bot.pipeline.source import read_file
    from bot.summarizers.heuristic import HeuristicSummarizer

    summarizer = HeuristicSummarizer()
    out = {}
    for path in articles():
        rel = path.relative_to(REPO).as_posix()
        brief = json.loads(summarizer.summarize(read_file(path)).to_json())
        brief["source"] = rel
        out[rel] = brief
    return out


def stored() -> dict[str, dict]:
    if not SNAPSHOT.is_file():
        return {}
    rows = [json.loads(line) for line in SNAPSHOT.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["source"]: row for row in rows}


def differences(now: dict[str, dict], then: dict[str, dict]) -> list[str]:
    out = []
    for source in sorted(set(now) | set(then)):
        a, b = then.get(source), now.get(source)
        if a is None:
            out.append(f"{source}: new brief (not in the snapshot)")
        elif b is None:
            out.append(f"{source}: in the snapshot, but the article is gone")
        else:
            for key in sorted(set(a) | set(b)):
                if a.get(key) != b.get(key):
                    out.append(f"{source}: {key}: {a.get(key)!r} -> {b.get(key)!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    now = current()
    if "--update" in argv:
        SNAPSHOT.write_text("".join(json.dumps(now[k], sort_keys=True) + "\n" for k in sorted(now)), encoding="utf-8")
        print(f"wrote {len(now)} briefs to {SNAPSHOT.relative_to(REPO)}")
        return 0
    diff = differences(now, stored())
    for line in diff:
        print(line)
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
