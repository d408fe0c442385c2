"""The metric names flyerbot reads and stores, per platform and product type.

Instagram refuses a whole request when one metric is not valid for the media's product
type (and `impressions` is gone since v22), so feed posts and stories ask for their own
lists. Telegram and Discord report reaction counts under "reactions".
"""

from __future__ import annotations

FEED_METRICS = ("views", "reach", "likes", "comments", "saved", "shares", "total_interactions")
STORY_METRICS = ("views", "reach", "replies", "navigation", "shares", "follows")
# Read from the account once a day: followers from the user node, the rest as day totals.
ACCOUNT_METRICS = ("reach", "views")
FOLLOWERS = "followers"
REACTIONS = "reactions"
REACH = "reach"
VIEWS = "views"
INTERACTIONS = "total_interactions"
# What counts as an interaction on a story (it has no total_interactions worth comparing).
STORY_INTERACTIONS = ("replies", "shares", "follows")
