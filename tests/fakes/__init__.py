"""Stand-ins for the outside world: a fake Slack Web API, article pages, an LLM server, request signing."""
