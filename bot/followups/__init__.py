"""Decisions followed over time: open (pending) requests matched to later briefs, durable updates, re-checks."""
