"""`verdict summarize SOURCE... [--json]`: briefs on stdout, one-line errors on stderr.

Sources are processed concurrently but printed in SOURCE order, each as soon as it and every
source before it are done.
"""

from __future__ import annotations

import logging
import shutil
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from typing import TextIO

from bot.config import Settings
from bot.errors import SourceError
from bot.models import Brief, Status
from bot.pipeline.fetching import Fetcher
from bot.pipeline.source import brief_source
from bot.summarizers import make_summarizer

logger = logging.getLogger(__name__)

MAX_PARALLEL_SOURCES = 8

STATUS_MARKS = {
    Status.APPROVED: ("✔", "32"),  # green
    Status.DECLINED: ("✘", "31"),  # red
    Status.PARTIAL: ("◐", "33"),  # yellow
    Status.PENDING: ("…", "36"),  # cyan
    Status.UNKNOWN: ("?", "2"),  # dim
}


def summarize_sources(settings: Settings, sources: list[str], *, as_json: bool,
                      out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Print each source's brief; return the exit status (1 if any source failed)."""
    out = out or sys.stdout
    err = err or sys.stderr
    summarizer = make_summarizer(settings)
    colour = not as_json and out.isatty()
    failed = printed = 0
    with Fetcher(settings) as fetcher, ThreadPoolExecutor(min(MAX_PARALLEL_SOURCES, len(sources))) as pool:
        futures = [pool.submit(brief_source, source, fetcher=fetcher, summarizer=summarizer) for source in sources]
        for source, future in zip(sources, futures, strict=True):
            try:
                brief = future.result()
            except SourceError as error:
                failed += 1
                print(f"{source}: {error.kind}: {error}", file=err, flush=True)
                continue
            except Exception as error:  # a bug must not hide the other sources' briefs
                failed += 1
                logger.debug("unexpected error on %s", source, exc_info=True)
                print(f"{source}: failed: internal error ({type(error).__name__}: {error})", file=err, flush=True)
                continue
            if as_json:
                print(brief.to_json(), file=out, flush=True)
            else:
                if printed:
                    print(file=out)
                print(render_card(brief, colour=colour), file=out, flush=True)
            printed += 1
    return 1 if failed else 0


def render_card(brief: Brief, *, colour: bool = False, width: int | None = None) -> str:
    """A brief as a readable block of text for a terminal."""
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 100)

    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if colour else text

    label_width = 11  # "Requester" plus two spaces
    indent = " " * (label_width + 2)

    def row(label: str, value: str | None, *, highlight: tuple[str, str] | None = None) -> str:
        body = value if value else paint("—", "2")
        wrapped = textwrap.wrap(body, width=max(width - len(indent), 30)) or [body]
        if highlight:  # colour a phrase after wrapping, so escape codes don't skew the widths
            wrapped[0] = wrapped[0].replace(highlight[0], paint(*highlight), 1)
        first = f"  {paint(label.ljust(label_width), '1')}{wrapped[0]}"
        return "\n".join([first, *(indent + line for line in wrapped[1:])])

    mark, code = STATUS_MARKS[brief.status]
    verdict = f"{mark} {brief.status.value}"
    decision = verdict
    if brief.status is Status.UNKNOWN:
        decision += " — no clear decision found"
        if brief.decided_by:
            decision += f" (for {brief.decided_by} to decide)"
    elif brief.decided_by:
        decision += f" — {brief.decided_by}"
    if brief.decision:
        decision += f": {brief.decision}"

    meta = " · ".join(part for part in (brief.site, brief.published, brief.source) if part)
    lines = [paint(brief.title or brief.source, "1"), paint(meta, "2"), ""]
    lines.append(row("Requester", brief.requester))
    lines.append(row("Request", brief.request))
    lines.append(row("Decision", decision, highlight=(verdict, code)))
    lines.append(row("Reason", brief.reason))
    lines.append(row("Summary", brief.summary))
    evidence = brief.evidence.model_dump()
    if any(evidence.values()):
        lines.append(f"  {paint('Evidence', '1')}")
        for name, sentence in evidence.items():
            if sentence:
                quoted = textwrap.wrap(f"“{sentence}”", width=max(width - 16, 30))
                lines.append(f"    {paint(name.ljust(10), '2')}{quoted[0]}")
                lines.extend(" " * 14 + line for line in quoted[1:])
    lines.append(paint(f"  summarised by {brief.summarizer}", "2"))
    return "\n".join(lines)
