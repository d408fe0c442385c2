"""Campaigns: the posts of an event, planned around its start, and the chat flows for them."""
