"""The layout stays as the README draws it: every folder says what it is, and imports sit at the top.

The layering itself (arrows only point down) is import-linter's job (`lint-imports`, in `.ci/run`).
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = sorted(p for p in (REPO / "bot").rglob("__init__.py") if "migrations" not in p.parts)


def test_every_package_says_what_it_is_in_one_line():
    for init in PACKAGES:
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring, f"{init.relative_to(REPO)} has no docstring"
        assert len(docstring.splitlines()[0]) <= 120, init


def test_no_import_inside_a_function_without_a_comment_saying_why():
    offenders = []
    for path in sorted((REPO / "bot").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    # the comment sits on the import's line or on the line(s) just above it
                    context = lines[max(node.lineno - 3, 0):node.lineno]
                    if not any("#" in line for line in context):
                        offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []


def test_handlers_only_translate():
    """handlers/ holds listeners of a few lines each: no SQL, no Web API calls of their own."""
    for path in sorted((REPO / "handlers").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert "sqlalchemy" not in source and "slack_sdk" not in source, path.name
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                assert node.end_lineno - node.lineno < 25, f"{path.name}:{node.name} is more than a listener"
