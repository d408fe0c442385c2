"""Insights: what every published post did, read on a schedule and told to the chat."""
