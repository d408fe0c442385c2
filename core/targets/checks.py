"""The checks core can run itself: the sandbox.

Discord channels and webhooks are checked through discord.py, in bot/ (core never
imports it); Telegram channels through python-telegram-bot.
"""

from __future__ import annotations

from core.targets.ports import CheckedTarget, ConnectRequest

SANDBOX = "sandbox"


class SandboxCheck:
    async def check(self, request: ConnectRequest) -> CheckedTarget:
        return CheckedTarget(SANDBOX, "outbox", "sandbox (DATA_DIR/outbox)")
