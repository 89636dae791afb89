#!/usr/bin/env python3
"""Write `bot/summarizers/heuristic/inflections.json`: every form of every verb lemma in the lexicon.

    python bench/build_inflections.py           # rewrite the file (after adding or removing a lemma)
    python bench/build_inflections.py --check   # exit 1 if the file is out of date

`lemminflect` (in the `dev` extra) does the inflecting here, once; the running bot reads the JSON,
so it never loads lemminflect's tables or numpy.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

OUT = REPO / "bot" / "summarizers" / "heuristic" / "inflections.json"


def build() -> dict:
    from lemminflect import getAllInflections, getAllInflectionsOOV

    from bot.summarizers.heuristic.lexicon import all_lemmas

    lemmas: dict[str, dict[str, list[str]]] = {}
    for lemma in sorted(set(all_lemmas())):
        found = getAllInflections(lemma, upos="VERB") or getAllInflectionsOOV(lemma, upos="VERB")
        forms = {lemma} | {v.lower() for values in found.values() for v in values}
        forms |= {form.replace("iz", "is") for form in forms if "iz" in form}  # British -ise
        # lemminflect leaves VBN out when it equals VBD ("rejected")
        participles = {v.lower() for v in (found.get("VBN") or found.get("VBD", ()))}
        lemmas[lemma] = {"forms": sorted(forms), "participles": sorted(participles)}
    return {"written_by": "bench/build_inflections.py", "lemmas": lemmas}


def render(data: dict) -> str:
    rows = [f'    {json.dumps(k)}: {json.dumps(v, separators=(", ", ": "))}' for k, v in data["lemmas"].items()]
    return '{"written_by": "bench/build_inflections.py", "lemmas": {\n' + ",\n".join(rows) + "\n}}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = parser.parse_args()
    text = render(build())
    if args.check:
        if not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(REPO)} is out of date: run python bench/build_inflections.py", file=sys.stderr)
            return 1
        print(f"{OUT.relative_to(REPO)} is up to date")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
