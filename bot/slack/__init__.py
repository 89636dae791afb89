"""The Slack app: services, the Bolt app, events (the ack path), commands, App Home and the Web API client."""
