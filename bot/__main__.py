"""The command line: `python -m bot` (or `verdict`).

    verdict summarize SOURCE... [--json]       briefs of URLs or local .html/.htm/.txt files
    verdict serve [--no-scheduler]             the Slack app (Socket Mode or HTTP) with link workers
    verdict clock                              the digest scheduler alone
    verdict digest --channel C [--dry-run]     a channel's scheduled digest, now

Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import TYPE_CHECKING

from bot import __version__
from bot.errors import ConfigError, VerdictError
from bot.redaction import redact_text

if TYPE_CHECKING:
    from bot.config import Settings

logger = logging.getLogger("bot")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="verdict",
        description="Briefs of shared links: who asked, for what, what was decided, by whom, and why.",
    )
    parser.add_argument("--version", action="version", version=f"verdict {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    summarize = commands.add_parser("summarize", help="print the brief of each URL or file")
    summarize.add_argument("sources", nargs="+", metavar="SOURCE",
                           help="an http(s) URL or a local .html/.htm/.txt file")
    summarize.add_argument("--json", action="store_true", help="one JSON object per line, in SOURCE order")

    serve = commands.add_parser("serve", help="run the Slack app")
    serve.add_argument("--no-scheduler", action="store_true",
                       help="leave digests to a single `verdict clock` process")

    commands.add_parser("clock", help="run only the digest scheduler")

    digest = commands.add_parser("digest", help="run a channel's scheduled digest now")
    digest.add_argument("--channel", required=True, metavar="C", help="channel id, e.g. C0123456")
    digest.add_argument("--dry-run", action="store_true", help="print it; post nothing, mark nothing")
    return parser


def configure_logging(settings: Settings, *, quiet: bool = False) -> None:
    level = logging.WARNING if quiet and settings.log_level != "DEBUG" else settings.log_level
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if settings.log_level != "DEBUG":
        # Alembic narrates every plugin it loads at INFO; its news is in our own log lines
        logging.getLogger("alembic").setLevel(logging.WARNING)


def run(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    # imported here: a spawned CPU child re-imports the `verdict` script's main module (this one),
    # and must not load settings and SQLAlchemy with it
    from bot.config import load_settings

    settings = load_settings()
    configure_logging(settings, quiet=args.command == "summarize")

    # each command imports only what it runs: `summarize` never loads Slack, Bolt or APScheduler
    if args.command == "summarize":
        from bot.cli.summarize import summarize_sources

        return summarize_sources(settings, args.sources, as_json=args.json)
    if args.command == "serve":
        from bot.cli.serve import serve  # (lazily, as above)

        serve(settings, run_scheduler=not args.no_scheduler)
        return 0
    if args.command == "clock":
        from bot.cli.clock import run_clock  # (lazily, as above)

        run_clock(settings)
        return 0
    if args.command == "digest":
        from bot.cli.digest import run_digest_command  # (lazily, as above)

        return run_digest_command(settings, args.channel, args.dry_run)
    parser.error(f"unknown command {args.command}")
    return 2


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except ConfigError as error:
        print(f"verdict: configuration error: {redact_text(str(error))}", file=sys.stderr)
        return 2
    except VerdictError as error:
        print(f"verdict: {redact_text(str(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`verdict summarize … | head -1`): stop quietly, like other Unix tools.
        # Point stdout at /dev/null so the interpreter's final flush doesn't complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a tool killed by the closed pipe
    except Exception as error:  # the promise is "never a traceback": log it for operators, one line for people
        logger.debug("unexpected error", exc_info=True)
        # drivers' messages run over several lines; people get the first, which says what happened
        detail = redact_text(next(iter(str(error).strip().splitlines()), ""))
        if type(error).__module__.startswith("sqlalchemy"):  # unreachable server, bad path, no such database
            print(f"verdict: cannot use the database (DATABASE_URL): {detail}", file=sys.stderr)
        else:
            print(f"verdict: internal error: {type(error).__name__}: {detail}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
