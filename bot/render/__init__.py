"""Pure Block Kit: briefs, failures, digests, App Home and modals as Slack payloads; escapes outside text."""
