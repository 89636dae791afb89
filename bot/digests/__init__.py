"""Digests: the exactly-once digester, the schedule grammar and the scheduler that wakes it."""
