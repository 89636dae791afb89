"""Run inside a worker's CPU child (importable by name there): what the child has loaded."""

from __future__ import annotations

import sys

HEAVY = ("sqlalchemy", "alembic", "httpx", "slack_sdk", "slack_bolt", "pydantic_settings", "lemminflect", "numpy")


def heavy_modules() -> list[str]:
    return [name for name in HEAVY if name in sys.modules]
