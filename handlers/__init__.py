"""Slack listeners: each translates a Slack event into a call of `bot/`. No logic lives here."""
