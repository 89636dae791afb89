"""Verdict: briefs of shared links — who asked, for what, what was decided, by whom, and why."""

__version__ = "0.1.0"
