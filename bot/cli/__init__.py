"""The command line: summarize, serve, clock and digest, and the composition root that wires the services."""
