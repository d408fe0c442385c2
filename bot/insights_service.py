"""`flyerbot run` starter for insights: the job that reads due numbers every minute."""

from __future__ import annotations

from contextlib import AsyncExitStack

from core.app import App


async def start_insights(app: App, stack: AsyncExitStack) -> str | None:
    await app.insights.start()
    stack.push_async_callback(app.insights.stop)
    return "insights: readings every minute (Instagram)"
